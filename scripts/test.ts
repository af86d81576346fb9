// `npm test`: every test against real services. Starts a fresh PostgreSQL database and the sandbox
// once, then runs Vitest (unit + integration) and Playwright (e2e, on a production build).
// Flags: --no-e2e, --e2e-only; anything else is passed to Vitest (e.g. a file filter).
// E2E_FILTER="e2e/x.spec.ts" limits the Playwright run to matching spec files.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServices } from '../tests/support/services';
import { findFreePort } from './db/ports';
import { dataDir, projectRoot } from './db/paths';

const args = process.argv.slice(2);
const e2eOnly = args.includes('--e2e-only');
const noE2e = args.includes('--no-e2e');
const vitestArgs = args.filter((a) => a !== '--e2e-only' && a !== '--no-e2e');

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env, cwd: projectRoot });
    child.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

const bin = (name: string) => `${projectRoot}/node_modules/.bin/${name}`;
const reportDir = join(dataDir, 'test-reports');
const vitestReport = join(reportDir, 'vitest.json');
const playwrightReport = join(reportDir, 'playwright.json');

/** One closing line over both runners: "N passed, N failed, N skipped". */
function totals(): { passed: number; failed: number; skipped: number } {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(vitestReport)) {
    const v = JSON.parse(readFileSync(vitestReport, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    sum.passed += v.numPassedTests;
    sum.failed += v.numFailedTests;
    sum.skipped += v.numPendingTests + v.numTodoTests;
  }
  if (existsSync(playwrightReport)) {
    const p = JSON.parse(readFileSync(playwrightReport, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    sum.passed += p.stats.expected + p.stats.flaky;
    sum.failed += p.stats.unexpected;
    sum.skipped += p.stats.skipped;
  }
  return sum;
}

async function main(): Promise<number> {
  const started = Date.now();
  rmSync(reportDir, { recursive: true, force: true });
  const services = await startTestServices();
  const env: NodeJS.ProcessEnv = { ...process.env, ...services.env, TEST_SERVICES: 'ready', NODE_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1' };
  const results: Array<[string, number]> = [];
  try {
    if (!e2eOnly) results.push(['vitest', await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`, ...vitestArgs], env)]);
    if (!noE2e && vitestArgs.length === 0) {
      const port = await findFreePort(3100);
      const e2eEnv: NodeJS.ProcessEnv = {
        ...env,
        NODE_ENV: 'production',
        E2E_PORT: String(port),
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        // The demo users sign in with a password alone; e2e/two-factor.spec.ts sets a second factor up itself.
        MFA_REQUIRED_ROLES: process.env.MFA_REQUIRED_ROLES ?? 'none',
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
      };
      const build = await run(bin('next'), ['build'], e2eEnv);
      results.push(['next build', build]);
      if (build === 0) results.push(['playwright', await run(bin('playwright'), ['test', ...(process.env.E2E_FILTER?.split(' ').filter(Boolean) ?? [])], e2eEnv)]);
    }
  } finally {
    await services.stop();
  }
  const failed = results.filter(([, code]) => code !== 0).map(([name]) => name);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(failed.length ? `\nFailed stages: ${failed.join(', ')} (${seconds} s)` : `\nAll test stages passed: ${results.map(([n]) => n).join(', ')} (${seconds} s)`);
  const { passed, failed: failedTests, skipped } = totals();
  console.log(`${passed} passed, ${failedTests} failed, ${skipped} skipped`);
  return failed.length || failedTests ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
