import { SparadosConfigError, type ResolvedConfig } from './config';

/**
 * At server start (instrumentation.ts): a Sparados configuration with errors stops the server with
 * every message at once, the same list `npm run cert:check` prints; warnings (a certificate close to
 * expiry) are logged and the server starts.
 */
export function checkSparadosAtStart(resolved: ResolvedConfig, warn: (message: string) => void = console.warn): void {
  for (const problem of resolved.problems) {
    if (problem.severity === 'warning') warn(`Sparados connection warning: ${problem.message}`);
  }
  if (!resolved.config) throw new SparadosConfigError(resolved.problems);
}
