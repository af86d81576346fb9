import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { recordAudit } from './record';

// Audit entries are append-only in the database itself (a row trigger from the first migration, and a
// statement trigger for TRUNCATE, which fires no row triggers), so no code path, present or future,
// can rewrite history: not Prisma, not raw SQL.

const tag = `append-only-${randomUUID()}`;
let id: string;

async function unchanged(): Promise<void> {
  const row = await db.auditEvent.findUniqueOrThrow({ where: { id } });
  expect(row).toMatchObject({ summary: `${tag} original`, actorName: 'Original Actor', before: null, after: { budgetMinor: '500' } });
}

beforeAll(async () => {
  await recordAudit(db, { action: 'test.append_only', summary: `${tag} original`, targetType: 'card', targetId: tag, after: { budgetMinor: 500n } }, {
    actor: { id: randomUUID(), email: 'original@audit.test', name: 'Original Actor' },
    ip: '192.0.2.1',
  });
  id = (await db.auditEvent.findFirstOrThrow({ where: { targetId: tag }, select: { id: true } })).id;
});

const refused = /AuditEvent rows cannot be changed or deleted/;

describe('AuditEvent is append-only', () => {
  it('accepts new entries', async () => {
    expect(await db.auditEvent.count({ where: { targetId: tag } })).toBe(1);
  });

  it('refuses UPDATE through Prisma', async () => {
    await expect(db.auditEvent.update({ where: { id }, data: { summary: 'rewritten' } })).rejects.toThrow(refused);
    await expect(db.auditEvent.updateMany({ where: { targetId: tag }, data: { actorName: 'Someone Else' } })).rejects.toThrow(refused);
    await expect(db.auditEvent.upsert({ where: { id }, create: { action: 'x', summary: 'x' }, update: { after: { budgetMinor: '1' } } })).rejects.toThrow(refused);
    await unchanged();
  });

  it('refuses DELETE through Prisma', async () => {
    await expect(db.auditEvent.delete({ where: { id } })).rejects.toThrow(refused);
    await expect(db.auditEvent.deleteMany({ where: { targetId: tag } })).rejects.toThrow(refused);
    await unchanged();
  });

  it('refuses UPDATE and DELETE in raw SQL, inside a transaction too', async () => {
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET summary = 'rewritten' WHERE id = ${id}::uuid`).rejects.toThrow(refused);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE id = '${id}'`)).rejects.toThrow(refused);
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "AuditEvent" SET "actorId" = NULL WHERE id = ${id}::uuid`;
      }),
    ).rejects.toThrow(refused);
    await unchanged();
  });

  it('refuses TRUNCATE, which row triggers do not see, also with CASCADE and inside a transaction', async () => {
    const before = await db.auditEvent.count();
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(refused);
    await expect(db.$executeRawUnsafe('TRUNCATE TABLE ONLY "AuditEvent" RESTART IDENTITY CASCADE')).rejects.toThrow(refused);
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('TRUNCATE "AuditEvent"');
      }),
    ).rejects.toThrow(refused);
    expect(await db.auditEvent.count()).toBeGreaterThanOrEqual(before);
    await unchanged();
  });

  it('reports the refusal as a permission error (SQLSTATE 42501)', async () => {
    const failure: unknown = await db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${id}::uuid`.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ meta: { driverAdapterError: { cause: { originalCode: '42501' } } } });
    await unchanged();
  });
});
