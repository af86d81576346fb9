// Runs once when a server starts: a bad configuration stops it with a clear list of problems
// instead of failing on the first request that needs the missing value.
export async function register(): Promise<void> {
  // Next's own runtime marker (set by Next, not configuration); the edge runtime has no lib/env.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./lib/env');
  getEnv();
  // The Sparados connection too (certificate files, CN/OU, key match, expiry): errors stop the server.
  const { getResolvedSparadosConfig } = await import('./lib/sparados/config');
  const { checkSparadosAtStart } = await import('./lib/sparados/startup-check');
  checkSparadosAtStart(getResolvedSparadosConfig());
}
