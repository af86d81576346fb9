import 'server-only';
import { Client } from 'pg';
import { PgBoss } from 'pg-boss';
import { getEnv } from '@/lib/env';
import type { AnyJobDefinition } from './define-job';

// pg-boss keeps jobs in its own schema of the panel's database (JOBS_SCHEMA, default "pgboss"),
// created and migrated by pg-boss itself on start. Prisma never sees it. In production the schema is
// made beforehand for the app's database role (npm run db:app-role), which may not create schemas.

export interface BossOptions {
  connectionString?: string;
  schema?: string;
  /** Worker processes run maintenance and the cron scheduler; web processes only enqueue. */
  role: 'worker' | 'producer';
  /** Pool size; producers need few connections. */
  max?: number;
}

async function schemaExists(connectionString: string, schema: string): Promise<boolean> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** A started pg-boss; it creates its schema only when missing (CREATE SCHEMA needs a right the app role lacks). */
export async function startBoss(options: BossOptions): Promise<PgBoss> {
  const env = getEnv();
  const worker = options.role === 'worker';
  const connectionString = options.connectionString ?? env.DATABASE_URL;
  const schema = options.schema ?? env.JOBS_SCHEMA;
  const boss = new PgBoss({
    connectionString,
    schema,
    createSchema: !(await schemaExists(connectionString, schema)),
    application_name: `sparados-panel-${options.role}`,
    max: options.max ?? (worker ? 6 : 2),
    supervise: worker,
    schedule: worker,
    migrate: true,
  });
  // pg-boss reports background failures (maintenance, polling) as events; an unhandled 'error'
  // event would crash the process, and these are transient.
  boss.on('error', (error) => console.error(JSON.stringify({ level: 'error', message: 'pg-boss', detail: error.message })));
  await boss.start();
  return boss;
}

/** Creates the job's queue if missing (a no-op otherwise). The policy is fixed at creation. */
export async function ensureQueue(boss: PgBoss, job: AnyJobDefinition): Promise<void> {
  const o = job.options ?? {};
  await boss.createQueue(job.name, {
    policy: o.policy ?? 'standard',
    ...(o.retryLimit !== undefined && { retryLimit: o.retryLimit }),
    ...(o.retryDelaySeconds !== undefined && { retryDelay: o.retryDelaySeconds }),
    ...(o.retryBackoff !== undefined && { retryBackoff: o.retryBackoff }),
    ...(o.expireInSeconds !== undefined && { expireInSeconds: o.expireInSeconds }),
  });
}
