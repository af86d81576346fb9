import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { withFileLock } from './lock';
import { findPostgresBinaries, nativeSuperuser, startNativeCluster, stopNativeCluster } from './native-postgres';
import { checkoutOffset, dataDir, projectRoot } from './paths';
import { findFreePort } from './ports';

// The database `npm run dev` and `npm test` use when DATABASE_URL is not given: a private PostgreSQL
// from the machine's binaries, or embedded PGlite where there are none (see docs/decisions/002).

export type ClusterName = 'dev' | 'test';

export interface EmbeddedDatabase {
  kind: 'postgres' | 'pglite';
  url: string;
  /** Stops what this call started (a server another process started is left running). */
  stop(): Promise<void>;
  /** Drops the database (a test run's own), then stops like stop(). */
  dropAndStop(): Promise<void>;
}

export interface EmbeddedOptions {
  cluster: ClusterName;
  database: string;
  /** Drop and recreate the database first (tests). */
  fresh?: boolean;
  /** Force a kind (tests of each path); default: native when binaries exist. */
  kind?: 'postgres' | 'pglite';
}

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const kind = options.kind ?? (process.env.EMBEDDED_DB === 'pglite' ? 'pglite' : undefined);
  const binDir = kind === 'pglite' ? null : findPostgresBinaries(process.env.PG_BIN);
  if (binDir) return startNative(binDir, options);
  if (kind === 'postgres') throw new Error('No PostgreSQL binaries found (set PG_BIN to their folder)');
  return startPglite(options);
}

async function startNative(binDir: string, options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const clusterDir = options.cluster === 'dev' ? 'postgres' : `postgres-${options.cluster}`;
  const cluster = await withFileLock(join(dataDir, `${clusterDir}.lock`), () => startNativeCluster(binDir, clusterDir));
  const base = `postgresql://${nativeSuperuser}@127.0.0.1:${cluster.port}`;
  await prepareDatabase(`${base}/postgres`, options.database, options.fresh ?? false);
  const stop = async () => {
    if (cluster.startedHere) stopNativeCluster(cluster);
  };
  return {
    kind: 'postgres',
    url: `${base}/${options.database}`,
    stop,
    async dropAndStop() {
      await dropDatabase(`${base}/postgres`, options.database);
      await stop();
    },
  };
}

async function prepareDatabase(adminUrl: string, database: string, fresh: boolean): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid database name: ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops `<prefix><pid>` databases whose run has died (a crashed or killed test run cannot drop its own).
 * Takes the URL of any database on the server.
 */
export async function dropOrphanedRunDatabases(url: string, prefix: string): Promise<string[]> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    const orphans = rows.map((r) => r.datname).filter((name) => {
      const pid = Number(name.slice(prefix.length));
      return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
    });
    for (const name of orphans) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return orphans;
  } finally {
    await client.end();
  }
}

async function startPglite(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  // PGlite serves one database per instance: each (cluster, database) gets its own server.
  const location = options.cluster === 'test' ? 'memory' : join(dataDir, 'pglite', options.database);
  if (options.fresh && location !== 'memory') await rm(location, { recursive: true, force: true });
  const port = await findFreePort(55_000 + checkoutOffset(900));
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/db/pglite-server.ts'), location, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: projectRoot,
  });
  await new Promise<void>((resolveReady, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolveReady();
    });
    child.once('exit', (code) => reject(new Error(`PGlite server exited with code ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    kind: 'pglite',
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop,
    async dropAndStop() {
      if (location !== 'memory') await rm(location, { recursive: true, force: true }).catch(() => undefined);
      await stop();
    },
  };
}
