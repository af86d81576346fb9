/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or Wasm parts stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pg', '@prisma/adapter-pg'],
  typedRoutes: false,
  // Dev logs every server action with its arguments, passwords included; keep them out of terminals.
  logging: { serverFunctions: false },
};

export default nextConfig;
