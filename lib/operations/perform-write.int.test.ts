import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_OPERATIONS, runApprovalOperation } from '@/lib/approvals/operations';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import { db } from '@/lib/db';
import { getSparadosClient } from '@/lib/sparados';
import { performWrite } from './perform-write';
import { reconcileLater } from '@/tests/support/reconcile';
import { admittedNewCard } from '@/tests/support/admission';

// The write-intent pattern against the real database and sandbox: a repeated key applies once,
// a refusal is recorded, and a crash between the Sparados call and the database write is finished
// by the reconciler without creating anything twice.

let sandbox: SandboxHarness;
beforeAll(async () => {
  sandbox = await sandboxHarness();
});
afterAll(async () => {
  await sandbox.close();
});

async function upstreamCountFor(email: string): Promise<number> {
  let count = 0;
  for await (const a of getSparadosClient().iterateApprovals({})) if (a.user.email === email) count++;
  return count;
}

async function assigned() {
  const request = sandbox.request();
  const key = randomUUID();
  const outcome = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body: request }, admission: await admittedNewCard(key) });
  return { request, outcome };
}

describe('performWrite', () => {
  it('creates once per key: a double submit returns the first result and sends nothing', async () => {
    const key = randomUUID();
    const body = sandbox.request();
    const admission = await admittedNewCard(key);
    const [a, b] = await Promise.all([
      runApprovalOperation('approval.create', { idempotencyKey: key, request: { body }, admission }),
      runApprovalOperation('approval.create', { idempotencyKey: key, request: { body }, admission }),
    ]);
    expect(a.result.id).toBe(b.result.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.cardId).toBeTruthy();
    expect(a.cardId).toBe(b.cardId);
    const again = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body }, existingOnly: true });
    expect(again).toMatchObject({ replayed: true, cardId: a.cardId });
    expect(again.result.validity.endDate).toBeInstanceOf(Date);

    const user = body.user as { email: string };
    expect(await upstreamCountFor(user.email)).toBe(1);
    expect(await db.pendingOperation.count({ where: { idempotencyKey: key } })).toBe(1);
    const op = await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(op).toMatchObject({ status: 'SUCCEEDED', kind: 'approval.create', cardId: a.cardId, attempts: 1 });
    const card = await db.card.findUniqueOrThrow({ where: { id: a.cardId! }, include: { currentApproval: true, cardholder: true } });
    expect(card.currentApproval?.sparadosId).toBe(a.result.id);
    expect(card.cardholder.email).toBe(user.email);
    expect(card.status).toBe('ACCEPTED');
  });

  it('refuses a key reused for another request', async () => {
    const key = randomUUID();
    const admission = await admittedNewCard(key);
    await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body: sandbox.request() }, admission });
    await expect(runApprovalOperation('approval.create', { idempotencyKey: key, request: { body: sandbox.request() }, admission })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('records a Sparados refusal as FAILED and replays the failure for the same key', async () => {
    const { outcome } = await assigned();
    // Lock is only allowed on DELIVERED: Sparados answers 409.
    const key = randomUUID();
    const intent = { idempotencyKey: key, cardId: outcome.cardId, request: { approvalId: outcome.result.id } };
    await expect(runApprovalOperation('approval.lock', intent)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const op = await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(op).toMatchObject({ status: 'FAILED', errorCode: 'INVALID_STATE', attempts: 1 });
    await expect(runApprovalOperation('approval.lock', intent)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).attempts).toBe(1);
  });

  it('crash after the Sparados call, before the database write: the reconciler restores the approval once', async () => {
    const key = randomUUID();
    const body = sandbox.request();
    const email = (body.user as { email: string }).email;
    const handler = APPROVAL_OPERATIONS['approval.create'];
    await expect(
      performWrite(
        { kind: 'approval.create', idempotencyKey: key, request: { body } },
        (k, context) => handler.send({ body }, k, context),
        async () => {
          throw new Error('process crashed here');
        },
      ),
    ).rejects.toMatchObject({ code: 'OUTCOME_PENDING' });

    const left = await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(left.status).toBe('SENT');
    expect(await db.cardholder.count({ where: { email } })).toBe(0);

    const report = await reconcileLater();
    expect(report.succeeded).toBeGreaterThanOrEqual(1);

    const done = await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(done.status).toBe('SUCCEEDED');
    const approval = await db.approval.findFirstOrThrow({ where: { card: { cardholder: { email } } } });
    expect(done.cardId).toBe(approval.cardId);
    expect(await db.card.count({ where: { cardholder: { email } } })).toBe(1);
    expect(await upstreamCountFor(email)).toBe(1);
    const timeline = await db.auditEvent.findMany({ where: { targetType: 'card', targetId: approval.cardId } });
    expect(timeline.map((e) => e.action)).toContain('operations.reconciled');

    // A second pass finds nothing left to do.
    const again = await reconcileLater();
    expect(await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ status: 'SUCCEEDED', attempts: done.attempts });
    expect(again.checked).toBe(0);
  });

  it('crash after only the upstream call (SENT record, nothing applied): reconciled without a second approval', async () => {
    const key = randomUUID();
    const body = sandbox.request();
    const email = (body.user as { email: string }).email;
    await db.pendingOperation.create({ data: { idempotencyKey: key, kind: 'approval.create', status: 'SENT', request: { body }, attempts: 1 } });
    const upstream = await getSparadosClient().createApproval(body, { idempotencyKey: key });

    await reconcileLater();
    const local = await db.approval.findUniqueOrThrow({ where: { sparadosId: upstream.id } });
    expect(local.status).toBe('ACCEPTED');
    expect(await upstreamCountFor(email)).toBe(1);
  });

  it('closes a PENDING record that was never sent as FAILED without calling Sparados', async () => {
    const key = randomUUID();
    const body = sandbox.request();
    await db.pendingOperation.create({ data: { idempotencyKey: key, kind: 'approval.create', status: 'PENDING', request: { body } } });
    await reconcileLater();
    expect(await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ status: 'FAILED' });
    expect(await upstreamCountFor((body.user as { email: string }).email)).toBe(0);
  });
});
