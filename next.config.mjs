import { STATIC_SECURITY_HEADERS } from './lib/security/static-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or Wasm parts stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pg', '@prisma/adapter-pg'],
  typedRoutes: false,
  // Dev logs every server action with its arguments, passwords included; keep them out of terminals.
  logging: { serverFunctions: false },
  // `npm run dev` prints localhost, but people also open 127.0.0.1; Next 16 blocks its dev scripts
  // from any other origin, which leaves the page unhydrated (sign-in button never enabled).
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  async headers() {
    // Security headers on every response, assets included; CSP and HSTS come from proxy.ts.
    return [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
