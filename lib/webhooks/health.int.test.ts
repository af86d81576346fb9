import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRuntime } from '@/lib/actions/run-action';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { stopJobProducer } from '@/lib/jobs/queue';
import { createTestUser } from '@/tests/support/users';
import { resyncTransactionsAction } from './actions';
import { getSyncHealth } from './health';
import { MAX_ATTEMPTS } from './process-inbox';
import { RECONCILE_CURSOR_KEY } from './reconcile';

// The sync health figures from real inbox rows, and the "resync from date" action with real sessions.

const runtime = (user: SessionUser): ActionRuntime => ({ db, getUser: async () => user, getIp: async () => '198.51.100.9', logError: () => {} });

afterAll(() => stopJobProducer());

describe('sync health', () => {
  it('counts the backlog, its age, retrying and given-up events', async () => {
    const before = await getSyncHealth();
    const key = () => `test:${randomUUID()}`;
    const old = new Date(Date.now() - 90_000);
    await db.webhookInbox.createMany({
      data: [
        { kind: 'TRANSACTION', dedupeKey: key(), payload: {}, receivedAt: old, nextAttemptAt: new Date(Date.now() + 3_600_000) },
        { kind: 'TRANSACTION', dedupeKey: key(), payload: {}, attempts: 3, error: 'NOT_FOUND 404: no such transaction', nextAttemptAt: new Date(Date.now() + 3_600_000) },
        { kind: 'WALLET', dedupeKey: key(), payload: {}, attempts: MAX_ATTEMPTS, error: 'gave up', processedAt: new Date() },
        { kind: 'TRANSACTION', dedupeKey: key(), payload: {}, processedAt: new Date() },
      ],
    });
    const health = await getSyncHealth();
    expect(health.backlog - before.backlog).toBe(2);
    expect(health.retrying - before.retrying).toBe(1);
    expect(health.failed - before.failed).toBe(1);
    expect(health.lagSeconds).toBeGreaterThanOrEqual(89);
    expect(health.lastEventAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
    expect(health.recentErrors.map((e) => e.error)).toEqual(expect.arrayContaining(['NOT_FOUND 404: no such transaction', 'gave up']));
    // Leave no backlog behind for the files that run after this one.
    await db.webhookInbox.updateMany({ where: { dedupeKey: { startsWith: 'test:' }, processedAt: null }, data: { processedAt: new Date() } });
  });
});

describe('resync from date', () => {
  it('lets an admin set the cursor back and queue a pass from that day, audited', async () => {
    const admin = await createTestUser('ADMIN');
    const result = await runAction(resyncTransactionsAction.definition, { from: '2026-01-15' }, runtime(admin));
    expect(result).toMatchObject({ ok: true, data: { from: '2026-01-15T00:00:00.000Z', queued: true } });
    const cursor = await db.setting.findUniqueOrThrow({ where: { key: RECONCILE_CURSOR_KEY } });
    expect(cursor.value).toEqual({ at: '2026-01-15T00:00:00.000Z' });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'transactions.resync', actorId: admin.id } });
    expect(audit.summary).toContain('2026-01-15');
  });

  it('refuses a viewer, a date in the future and a non-date', async () => {
    const viewer = await createTestUser('VIEWER');
    expect(await runAction(resyncTransactionsAction.definition, { from: '2026-01-15' }, runtime(viewer))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const admin = await createTestUser('ADMIN');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await runAction(resyncTransactionsAction.definition, { from: future }, runtime(admin))).toMatchObject({ ok: false, fieldErrors: { from: [expect.any(String)] } });
    expect(await runAction(resyncTransactionsAction.definition, { from: 'yesterday' }, runtime(admin))).toMatchObject({ ok: false, fieldErrors: { from: [expect.any(String)] } });
  });
});
