// `npm run test:contract [-- --env sandbox|beta|prod] [--allow-writes]`
// Runs the Sparados contract suite (lib/sparados/contract.int.test.ts) against one target:
// - sandbox (default): starts a private sandbox over mTLS, runs everything;
// - beta / prod: uses the configured certificate (SPARADOS_* variables, also read from .env.local
//   and .env), runs read-only calls only unless --allow-writes (refused for prod), and lists what it
//   skipped and why.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RunnerTask } from 'vitest';
import { startVitest } from 'vitest/node';
import { parseSparadosEnv } from '../lib/env';
import { resolveSparadosConfig } from '../lib/sparados/config';
import { startSandbox } from '../sandbox/server';
import { ensureCerts } from './certs';
import { projectRoot } from './db/paths';
import { sandboxClientEnv } from './lib/sandbox-env';

const SUITE = 'lib/sparados/contract.int.test.ts';
const USAGE = 'Usage: npm run test:contract -- [--env sandbox|beta|prod] [--allow-writes]';

function collectSkipped(tasks: RunnerTask[], out: Array<{ name: string; note: string }>, prefix = ''): void {
  for (const task of tasks) {
    const name = prefix ? `${prefix} > ${task.name}` : task.name;
    if (task.type === 'suite') collectSkipped(task.tasks, out, name);
    // Vitest stores the reason given to context.skip() as result.note (not in its public types).
    else if (task.mode === 'skip' || task.result?.state === 'skip') out.push({ name, note: (task.result as { note?: string } | undefined)?.note ?? 'skipped' });
  }
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { env: { type: 'string', default: 'sandbox' }, 'allow-writes': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const target = values.env!;
  if (!['sandbox', 'beta', 'prod'].includes(target)) {
    console.error(`--env must be sandbox, beta or prod\n${USAGE}`);
    return 2;
  }
  if (target === 'prod' && values['allow-writes']) {
    console.error('--allow-writes is refused against PROD: the suite would assign real cards. Use BETA.');
    return 2;
  }

  let stopSandbox: (() => Promise<void>) | null = null;
  if (target === 'sandbox') {
    const certs = await ensureCerts();
    const sandbox = await startSandbox({ port: 0, stateFile: ':memory:', retryScale: 0.001, log: () => undefined });
    stopSandbox = () => sandbox.close();
    Object.assign(process.env, sandboxClientEnv({ url: sandbox.url, certs }));
  } else {
    // Variables already set win over the files, as in Next.js.
    for (const file of ['.env.local', '.env']) if (existsSync(file)) process.loadEnvFile(file);
    process.env.SPARADOS_ENV = target;
    delete process.env.SANDBOX_URL;
    const resolved = resolveSparadosConfig(parseSparadosEnv(process.env));
    if (!resolved.config) {
      console.error(`No usable ${target.toUpperCase()} certificate configured, so the contract suite cannot run:`);
      for (const p of resolved.problems) console.error(`  ${p.severity === 'error' ? '✗' : '!'} ${p.message}`);
      console.error('Create a CSR with npm run csr, have Sparados sign it, then set SPARADOS_CERT_FILE, SPARADOS_KEY_FILE and SPARADOS_CORPORATION_ID.');
      return 2;
    }
  }
  process.env.SPARADOS_CONTRACT_ALLOW_WRITES = target === 'sandbox' || values['allow-writes'] ? '1' : '0';

  console.log(
    `Contract suite against ${target.toUpperCase()}: ${target === 'sandbox' ? 'all calls, sandbox control API included' : values['allow-writes'] ? 'reads and writes' : 'read-only calls'}\n`,
  );
  const alias = { '@/': `${projectRoot}/`, 'server-only': `${projectRoot}/tests/support/empty.ts` };
  let failed = 1;
  try {
    const vitest = await startVitest(
      'test',
      [SUITE],
      { watch: false, config: false, root: projectRoot, include: [SUITE], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
      { resolve: { alias } },
    );
    const skipped: Array<{ name: string; note: string }> = [];
    collectSkipped(vitest.state.getFiles(), skipped);
    failed = vitest.state.getCountOfFailedTests() + vitest.state.getUnhandledErrors().length;
    const files = vitest.state.getFiles();
    if (files.some((f) => f.result?.state === 'fail' && f.tasks.length === 0)) failed = Math.max(failed, 1);
    await vitest.close();
    if (skipped.length > 0) {
      console.log(`\nSkipped ${skipped.length} test(s) against ${target.toUpperCase()}:`);
      for (const s of skipped) console.log(`  - ${s.name}\n      why: ${s.note}`);
    } else {
      console.log(`\nNothing skipped against ${target.toUpperCase()}.`);
    }
  } finally {
    await stopSandbox?.();
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
