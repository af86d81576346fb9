// `npm run bench:bulk`: how fast a bulk CSV import assigns cards. Generates a file of N assign rows
// (default 1,000), uploads it (validation + preview rows), processes it through the same code as the
// bulk job at the job's parallelism, and runs the same file again (which must create nothing).
// Runs against a fresh database ("panel_bench" in the test cluster) and a sandbox in its own process.
// Target (issue 5): 1,000 rows in under a minute.
//   npm run bench:bulk -- [rows] [concurrency]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadCorporation } from '../sandbox/fixtures/corporation';
import { ensureCerts } from '../scripts/certs';
import { startEmbeddedDatabase } from '../scripts/db/embedded';
import { applyMigrations } from '../scripts/db/migrations';
import { projectRoot } from '../scripts/db/paths';
import { findFreePort } from '../scripts/db/ports';
import { runSeed } from '../scripts/db/seed-runner';

const ROWS = Number(process.argv[2] ?? 1_000);
const TARGET_SECONDS = 60;

async function startSandboxProcess(port: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(`${projectRoot}/node_modules/.bin/tsx`, ['sandbox/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_STATE_FILE: ':memory:', SANDBOX_LOG_REQUESTS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (https:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function csvOf(rows: number, tag: string): string {
  const year = new Date().getUTCFullYear() + 1;
  const header = 'operation,email,phonePrefix,phoneNumber,totalAmount,startDate,endDate,timezone,limitGeneral,limitAtm,mccBlock,description,tags';
  const lines = Array.from({ length: rows }, (_, i) =>
    [
      'assign',
      `bench-${tag}-${i}@example.com`,
      '48',
      String(600_000_000 + i),
      `${100 + (i % 900)}.${String(i % 100).padStart(2, '0')}`,
      `${year}-01-01`,
      `${year}-12-31`,
      i % 3 === 0 ? 'Europe/Berlin' : '',
      `${200 + (i % 5) * 50}:weekly`,
      i % 2 === 0 ? 'disabled' : '100:daily',
      i % 4 === 0 ? 'gambling|cash' : '',
      `Bench card ${i}`,
      'bench',
    ].join(','),
  );
  return [header, ...lines].join('\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const certs = await ensureCerts();
  const database = await startEmbeddedDatabase({ cluster: 'test', database: 'panel_bench', fresh: true });
  await applyMigrations(database.url);
  await runSeed(database.url);
  const sandbox = await startSandboxProcess(await findFreePort(47_543));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: 'bench-only-session-secret-not-for-production-use-00000000',
    SPARADOS_ENV: 'sandbox',
    SPARADOS_CARDS_URL: `${sandbox.url}/secure`,
    SPARADOS_THC_URL: `${sandbox.url}/thc`,
    SPARADOS_FULL_URL: sandbox.url,
    SPARADOS_CERT_FILE: certs.clientCert,
    SPARADOS_KEY_FILE: certs.clientKey,
    SPARADOS_CA_FILE: certs.sandboxCa,
    SPARADOS_CORPORATION_ID: loadCorporation().corporationId,
    LOG_LEVEL: 'warn',
  });
  // Imported after the environment is set: lib/env reads it on first use.
  const { db } = await import('../lib/db');
  const { createBulkImport, markConfirmed } = await import('../lib/bulk/store');
  const { processBulkImport, DEFAULT_BULK_CONCURRENCY } = await import('../lib/bulk/process');
  const { closeSparadosAgents } = await import('../lib/sparados');
  const { countOperations } = await import('../lib/operations/queries');
  const concurrency = Number(process.argv[3] ?? DEFAULT_BULK_CONCURRENCY);

  try {
    const admin = await db.adminUser.findFirstOrThrow({ where: { role: 'OPERATOR' } });
    // A company that lets its operator assign a thousand cards in a day: the budget policy's 24-hour
    // total is raised for the bench (every row still passes the gate; none is above the new-card limit).
    const { DEFAULT_BUDGET_POLICY } = await import('../lib/budgets/policy');
    const { writeBudgetPolicy } = await import('../lib/budgets/policy-store');
    await db.$transaction((tx) => writeBudgetPolicy(tx, null, { ...DEFAULT_BUDGET_POLICY, OPERATOR: { ...DEFAULT_BUDGET_POLICY.OPERATOR, perPersonDayMinor: 1e15 } }, admin.id));
    const corporation = loadCorporation();
    const csv = csvOf(ROWS, randomUUID().slice(0, 8));
    const cardAliasId = corporation.balances[0].cardAliasId;

    let started = performance.now();
    const first = await createBulkImport({ fileName: 'bench.csv', text: csv, cardAliasId, actorId: admin.id });
    const uploadMs = performance.now() - started;
    if (first.invalidRows > 0) throw new Error(`${first.invalidRows} generated rows are invalid`);

    await markConfirmed(first.id, new Date());
    started = performance.now();
    const report = await processBulkImport(first.id, { concurrency });
    const runMs = performance.now() - started;

    const operations = await countOperations();
    const again = await createBulkImport({ fileName: 'bench (again).csv', text: csv, cardAliasId, actorId: admin.id });
    await markConfirmed(again.id, new Date());
    started = performance.now();
    const replay = await processBulkImport(again.id, { concurrency });
    const replayMs = performance.now() - started;
    const operationsAfter = await countOperations();

    console.log(`\nBulk import of ${ROWS} assign rows against the sandbox (${sandbox.url}), parallelism ${concurrency}\n`);
    console.log(`upload + validation + preview rows   ${seconds(uploadMs).padStart(9)}   ${(ROWS / (uploadMs / 1000)).toFixed(0).padStart(6)} rows/s`);
    console.log(`processing (assign through Sparados) ${seconds(runMs).padStart(9)}   ${(ROWS / (runMs / 1000)).toFixed(1).padStart(6)} rows/s   ${report.succeeded} succeeded, ${report.failed} failed, ${report.waiting} held`);
    console.log(`same file again (replays)            ${seconds(replayMs).padStart(9)}   ${(ROWS / (replayMs / 1000)).toFixed(1).padStart(6)} rows/s   ${replay.replayed} replayed, ${operationsAfter - operations} new operations`);
    const met = runMs / 1000 < TARGET_SECONDS && report.failed === 0 && report.waiting === 0 && operationsAfter === operations;
    console.log(`\nTarget: ${ROWS} rows in under ${TARGET_SECONDS} s, none twice — ${met ? 'met' : 'NOT met'}`);
    if (report.failed > 0) {
      const failures = await db.bulkImportRow.findMany({ where: { bulkImportId: first.id, status: 'FAILED' }, take: 3, select: { rowNumber: true, errorMessage: true } });
      console.log('First failures:', failures);
    }
  } finally {
    await db.$disconnect();
    await closeSparadosAgents();
    sandbox.stop();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
