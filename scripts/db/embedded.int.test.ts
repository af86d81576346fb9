import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { applyMigrations } from './migrations';
import { projectRoot } from './paths';

const run = promisify(execFile);
const QUERIES_PER_PROCESS = 50;

async function queriesFromTwoProcesses(url: string, poolSize: number) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP TABLE IF EXISTS probe');
  await admin.query('CREATE TABLE probe (label text NOT NULL, n int NOT NULL)');
  const child = (label: string) =>
    run(process.execPath, ['--import', 'tsx', 'tests/support/concurrent-queries.ts', url, String(QUERIES_PER_PROCESS), label], {
      cwd: projectRoot,
      env: { ...process.env, POOL_SIZE: String(poolSize) },
      timeout: 60_000,
    }).then(({ stdout }) => JSON.parse(stdout) as { label: string; correct: number; errors: string[] });
  const outcomes = await Promise.all([child('a'), child('b')]);
  const { rows } = await admin.query<{ label: string; count: string }>('SELECT label, count(*) FROM probe GROUP BY label ORDER BY label');
  await admin.end();
  return { outcomes, rows };
}

async function expectConcurrentQueriesWork(db: EmbeddedDatabase, poolSize: number) {
  const { outcomes, rows } = await queriesFromTwoProcesses(db.url, poolSize);
  for (const outcome of outcomes) expect(outcome).toEqual({ label: outcome.label, correct: QUERIES_PER_PROCESS, errors: [] });
  expect(rows).toEqual([
    { label: 'a', count: String(QUERIES_PER_PROCESS) },
    { label: 'b', count: String(QUERIES_PER_PROCESS) },
  ]);
}

describe('embedded database', () => {
  it('native PostgreSQL serves 50 concurrent queries from each of two processes', async () => {
    const db = await startEmbeddedDatabase({ cluster: 'test', database: `probe_native_${process.pid}`, fresh: true, kind: 'postgres' });
    try {
      expect(db.kind).toBe('postgres');
      await expectConcurrentQueriesWork(db, 10);
    } finally {
      await db.dropAndStop();
    }
  });

  it('a fresh database takes every migration, and a second run applies nothing', async () => {
    const db = await startEmbeddedDatabase({ cluster: 'test', database: `probe_migrations_${process.pid}`, fresh: true, kind: 'postgres' });
    try {
      const first = await applyMigrations(db.url);
      expect(first.length).toBeGreaterThan(0);
      expect(await applyMigrations(db.url)).toEqual([]);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      await client.end();
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['AdminUser', 'Approval', 'AuditEvent', 'Card', 'PendingOperation', 'Setting', '_prisma_migrations']));
    } finally {
      await db.dropAndStop();
    }
  });

  it('PGlite takes the migrations and serves 50 concurrent queries from each of two processes', async () => {
    const db = await startEmbeddedDatabase({ cluster: 'test', database: `probe_pglite_${process.pid}`, fresh: true, kind: 'pglite' });
    try {
      expect(db.kind).toBe('pglite');
      expect((await applyMigrations(db.url)).length).toBeGreaterThan(0);
      await expectConcurrentQueriesWork(db, 5);
    } finally {
      await db.dropAndStop();
    }
  });
});
