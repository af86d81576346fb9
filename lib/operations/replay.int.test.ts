import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_OPERATIONS } from '@/lib/approvals/operations';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import { deliveredCard } from '@/lib/budgets/test-support';
import { db } from '@/lib/db';
import { getSparadosClient } from '@/lib/sparados';
import { configureSparadosLog } from '@/lib/sparados/log';
import { reconcileLater } from '@/tests/support/reconcile';
import { performWrite } from './perform-write';
import { reconcileOperations } from './reconcile';
import { OPERATION_HANDLERS } from './reconcile-job';

// The reconciler's replay against a Sparados that ignores X-Idempotency-Key (a sandbox fault mode):
// it must read first and send only what is not there yet, and never while the first attempt may
// still be in flight (decision 061).

let sandbox: SandboxHarness;

beforeAll(async () => {
  configureSparadosLog({ sink: () => {} });
  sandbox = await sandboxHarness();
});
afterEach(async () => {
  await sandbox.control.clearFaults();
});
afterAll(async () => {
  await sandbox.close();
});

const ignoreKeys = () => sandbox.control.addFault({ match: { path: '^/secure/' }, mode: 'ignore_idempotency' });
const crashed = async () => {
  throw new Error('process crashed before recording');
};

/** A budget write Sparados applied whose answer the panel never recorded: left SENT. */
async function lostTopUp(approvalId: string, cardId: string, amount: number): Promise<string> {
  const before = (await getSparadosClient().getApproval(approvalId)).budgetMinor;
  const key = randomUUID();
  const request = { approvalId, additionalBudgetMinor: amount, budgetBeforeMinor: before, targetBudgetMinor: before + amount };
  const handler = APPROVAL_OPERATIONS['approval.budget'];
  await expect(performWrite({ kind: 'approval.budget', idempotencyKey: key, cardId, approvalSparadosId: approvalId, request }, (k, c) => handler.send(request, k, c), crashed)).rejects.toMatchObject({
    code: 'OUTCOME_PENDING',
  });
  return key;
}

describe('replaying a write whose outcome was never learned', () => {
  it('waits while the first attempt may still be in flight, then settles it', async () => {
    const card = await deliveredCard(sandbox);
    const key = await lostTopUp(card.approvalId, card.cardId, 1_000);
    const soon = await reconcileOperations({ handlers: OPERATION_HANDLERS, olderThanSeconds: 0, now: new Date(Date.now() + 1_000) });
    expect(soon.checked).toBe(0);
    expect((await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).status).toBe('SENT');
    await reconcileLater();
    expect((await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).status).toBe('SUCCEEDED');
  });

  it('a top-up Sparados applied is found by reading, not sent again, although the key is ignored', async () => {
    const card = await deliveredCard(sandbox);
    const start = (await getSparadosClient().getApproval(card.approvalId)).budgetMinor;
    const key = await lostTopUp(card.approvalId, card.cardId, 2_500);
    await ignoreKeys();
    await reconcileLater();
    expect((await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).status).toBe('SUCCEEDED');
    expect((await getSparadosClient().getApproval(card.approvalId)).budgetMinor).toBe(start + 2_500);
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: card.approvalId } })).budgetMinor).toBe(BigInt(start + 2_500));
  });

  it('a top-up that never reached Sparados is sent once by the replay', async () => {
    const card = await deliveredCard(sandbox);
    const start = (await getSparadosClient().getApproval(card.approvalId)).budgetMinor;
    const key = randomUUID();
    const request = { approvalId: card.approvalId, additionalBudgetMinor: 700, budgetBeforeMinor: start, targetBudgetMinor: start + 700 };
    await db.pendingOperation.create({ data: { idempotencyKey: key, kind: 'approval.budget', status: 'SENT', cardId: card.cardId, approvalSparadosId: card.approvalId, request, attempts: 1 } });
    await ignoreKeys();
    await reconcileLater();
    await reconcileLater();
    expect((await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).status).toBe('SUCCEEDED');
    expect((await getSparadosClient().getApproval(card.approvalId)).budgetMinor).toBe(start + 700);
  });

  it('a budget moved by someone else meanwhile is not touched: the record says why', async () => {
    const card = await deliveredCard(sandbox);
    const key = await lostTopUp(card.approvalId, card.cardId, 300);
    // Changed outside the panel (e.g. in Sparados' own Corporate Panel) before the replay.
    await getSparadosClient().increaseBudget(card.approvalId, 50);
    const moved = (await getSparadosClient().getApproval(card.approvalId)).budgetMinor;
    await reconcileLater();
    const row = await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(row).toMatchObject({ status: 'FAILED', errorCode: 'INVALID_STATE' });
    expect(row.errorMessage).toMatch(/^Not sent again: budget of .* went from/);
    expect((await getSparadosClient().getApproval(card.approvalId)).budgetMinor).toBe(moved);
  });

  it('an edit Sparados applied is found as the reapproval it made, not refused as "already reapproved"', async () => {
    const card = await deliveredCard(sandbox);
    const current = await getSparadosClient().getApproval(card.approvalId);
    const body = { ...sandbox.request({ budgetMinor: current.budgetMinor + 100 }), card: { description: 'Edited', visual: null } };
    const request = { approvalId: card.approvalId, body: { rules: body.rules, card: body.card, tags: body.tags }, statusBefore: 'DELIVERED' as const };
    const key = randomUUID();
    const handler = APPROVAL_OPERATIONS['approval.edit'];
    await expect(performWrite({ kind: 'approval.edit', idempotencyKey: key, cardId: card.cardId, approvalSparadosId: card.approvalId, request }, (k, c) => handler.send(request, k, c), crashed)).rejects.toMatchObject({
      code: 'OUTCOME_PENDING',
    });
    await ignoreKeys();
    await reconcileLater();
    const row = await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(row.status).toBe('SUCCEEDED');
    const reapprovals = [];
    for await (const a of getSparadosClient().iterateApprovals({})) if (a.parentId === card.approvalId) reapprovals.push(a.id);
    expect(reapprovals).toEqual([(row.response as { id: string }).id]);
  });
});
