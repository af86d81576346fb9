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
};

export default nextConfig;
