import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { startBoss } from '@/lib/jobs/boss';
import { createTestUser } from '@/tests/support/users';
import { setUpAppRole } from './app-role';

// The production database role (npm run db:app-role) against the real test database: the app can do
// its work, rows and jobs, but cannot rewrite the audit log nor switch its triggers off.

const tag = randomUUID().slice(0, 8);
const role = `panel_app_${tag}`;
const jobsSchema = `jobs_${tag}`;
const ownerUrl = getEnv().DATABASE_URL;
const appUrl = (() => {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = `pw-${tag}`;
  return url.toString();
})();

let app: Client;

/** The SQLSTATE the app role gets for a statement (null: it ran). */
async function sqlState(sql: string): Promise<string | null> {
  try {
    await app.query(sql);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}

beforeAll(async () => {
  await setUpAppRole(ownerUrl, { role, password: `pw-${tag}`, jobsSchema });
  // Again: the command is safe to repeat (after each deployment's migrations, say).
  await setUpAppRole(ownerUrl, { role, password: `pw-${tag}`, jobsSchema });
  app = new Client({ connectionString: appUrl });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`DROP SCHEMA IF EXISTS "${jobsSchema}" CASCADE`);
  await owner.query(`DROP OWNED BY "${role}"`);
  await owner.query(`DROP ROLE IF EXISTS "${role}"`);
  await owner.end();
});

describe('the application database role', () => {
  it('is not the owner: it reads and writes rows and appends audit entries', async () => {
    expect((await app.query('SELECT current_user')).rows[0].current_user).toBe(role);
    const appDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: appUrl, max: 2 }) });
    try {
      const user = await createTestUser('VIEWER');
      await appDb.adminUser.update({ where: { id: user.id }, data: { name: `Renamed ${tag}` } });
      await recordAudit(appDb, { action: 'test.app_role', summary: `app role ${tag}`, targetType: 'AdminUser', targetId: user.id }, { actor: null, ip: null });
      expect(await db.auditEvent.count({ where: { action: 'test.app_role', targetId: user.id } })).toBe(1);
      expect((await db.adminUser.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(`Renamed ${tag}`);
    } finally {
      await appDb.$disconnect();
    }
  });

  it('cannot change, empty or unprotect the audit log, nor reach around it', async () => {
    const refused = {
      update: 'UPDATE "AuditEvent" SET "summary" = "summary" WHERE false',
      delete: 'DELETE FROM "AuditEvent" WHERE false',
      truncate: 'TRUNCATE "AuditEvent"',
      disableTrigger: 'ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"',
      disableAll: 'ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL',
      dropTrigger: 'DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"',
      replaceFunction: `CREATE OR REPLACE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$`,
      replicationRole: 'SET session_replication_role = replica',
      newTable: 'CREATE TABLE public."sneaky" (id int)',
      migrations: 'SELECT * FROM "_prisma_migrations"',
    };
    const states: Record<string, string | null> = {};
    for (const [name, sql] of Object.entries(refused)) states[name] = await sqlState(sql);
    expect(states).toEqual(Object.fromEntries(Object.keys(refused).map((name) => [name, '42501'])));
    // The triggers are still there and on.
    const triggers = await app.query(`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY tgname`);
    expect(triggers.rows).toEqual([
      { tgname: 'AuditEvent_append_only', tgenabled: 'O' },
      { tgname: 'AuditEvent_no_truncate', tgenabled: 'O' },
    ]);
  });

  it('runs the job queue in a schema of its own', async () => {
    const boss = await startBoss({ role: 'producer', connectionString: appUrl, schema: jobsSchema, max: 2 });
    try {
      await boss.createQueue(`app-role-${tag}`);
      const id = await boss.send(`app-role-${tag}`, { n: 1 });
      const [job] = await boss.fetch(`app-role-${tag}`);
      expect(job?.id).toBe(id);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });
});
