import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { acceptChangeRequest, cancelApproval, rejectChangeRequest } from '@/lib/approvals/actions';
import { parseCardListParams } from '@/lib/approvals/list-params';
import { listCards } from '@/lib/approvals/queries';
import { syncApprovals } from '@/lib/approvals/sync';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { SessionUser } from '@/lib/auth/session-user';
import { changeBudget } from '@/lib/approvals/actions';
import { budgetOf, deliveredCard, runtimeFor, type TestCard } from '@/lib/budgets/test-support';
import { db } from '@/lib/db';
import { getSparadosClient } from '@/lib/sparados';
import { createTestUser } from '@/tests/support/users';
import { decideRequests, editAndAcceptRequest } from './actions';
import { countOpenRequests, getRequestsInbox, listChangeRequests } from './queries';

// The requests inbox against the real database and sandbox: a cardholder asks (sandbox control API),
// sync brings the request in, and approvers answer it through the action wrapper.

let sandbox: SandboxHarness;
let approver: SessionUser;
let operator: SessionUser;
let viewer: SessionUser;
let currency: string;

beforeAll(async () => {
  sandbox = await sandboxHarness();
  currency = (await sandbox.control.corporation()).currency;
  [approver, operator, viewer] = await Promise.all([createTestUser('APPROVER', { name: 'Piotr Zielinski' }), createTestUser('OPERATOR'), createTestUser('VIEWER')]);
});
afterAll(async () => {
  await sandbox.close();
});

const DAY = 86_400_000;

/** The cardholder asks for more in the app; the panel notices on its next sync. */
async function ask(card: TestCard, body: { budgetMinor?: number; endDate?: string }): Promise<string> {
  const request = await sandbox.control.changeRequest(card.approvalId, body);
  await syncApprovals();
  return request.id;
}

const act = (card: TestCard, approvalId: string, extra: Record<string, unknown> = {}) => ({ cardId: card.cardId, approvalId, idempotencyKey: randomUUID(), ...extra });

describe('the requests inbox', () => {
  it('lists a request beside the current approval, with spend and the time left', async () => {
    const card = await deliveredCard(sandbox);
    const upstream = await getSparadosClient().getApproval(card.approvalId);
    const later = new Date(upstream.validity.endDate.getTime() + 10 * DAY).toISOString();
    const requestId = await ask(card, { budgetMinor: 90_000, endDate: later });
    await db.transaction.create({
      data: { sparadosId: randomUUID(), type: 'PURCHASE', status: 'CLEARED', statusRaw: 'CLEARED', amountMinor: 2_550n, currency, cardId: card.cardId, occurredAt: new Date(Date.now() - 2 * DAY), sparadosUpdatedAt: new Date() },
    });

    const inbox = await getRequestsInbox();
    const item = inbox.requests.find((r) => r.approvalId === requestId);
    expect(item).toMatchObject({
      cardId: card.cardId,
      label: "card 'Travel – J. Smith'",
      askedBy: 'Contract Test',
      current: { approvalId: card.approvalId, budgetMinor: '50000' },
      requested: { budgetMinor: '90000', endDate: later },
      changed: { budget: true, endDate: true, limits: false },
      recentSpend: { days: 30, amountMinor: '2550', payments: 1 },
      checking: false,
    });
    expect(item!.requested.limits).toContain('ATM: disabled');
    // The sandbox expires unanswered requests after SANDBOX_REAPPROVAL_EXPIRY_HOURS (72 by default).
    expect(inbox.expiryHours).toBe(72);
    expect(Date.parse(item!.expiresAt!) - Date.parse(item!.askedAt)).toBe(72 * 3_600_000);
    // Oldest first.
    const asked = inbox.requests.map((r) => r.askedAt);
    expect([...asked].sort()).toEqual(asked);
    expect(await countOpenRequests()).toBeGreaterThanOrEqual(1);
  });

  it('accepting moves the card to the new approval id everywhere', async () => {
    const card = await deliveredCard(sandbox);
    const requestId = await ask(card, { budgetMinor: 90_000 });
    const result = await runAction(acceptChangeRequest.definition, act(card, requestId), runtimeFor(approver));
    expect(result).toMatchObject({ ok: true, data: { currentApprovalId: requestId, status: 'DELIVERED' } });

    const row = await db.card.findUniqueOrThrow({ where: { id: card.cardId }, include: { currentApproval: true } });
    expect(row.currentApproval?.sparadosId).toBe(requestId);
    expect(row.status).toBe('DELIVERED');
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: card.approvalId } })).status).toBe('REAPPROVED');
    const list = await listCards(parseCardListParams(new URLSearchParams({ q: requestId })));
    expect(list.rows.map((r) => [r.id, r.approvalId, r.pendingRequest])).toEqual([[card.cardId, requestId, false]]);
    expect((await listChangeRequests()).map((r) => r.approvalId)).not.toContain(requestId);
    // The card's next budget change goes to the new id.
    expect(await runAction(changeBudget.definition, { cardId: card.cardId, approvalId: requestId, idempotencyKey: randomUUID(), mode: 'increase', amount: '1', currency }, runtimeFor(approver))).toMatchObject({
      ok: true,
      data: { approvalId: requestId, after: { budgetMinor: '90100' } },
    });
    // And a sync pass agrees with what the panel recorded.
    await syncApprovals();
    expect((await db.card.findUniqueOrThrow({ where: { id: card.cardId }, include: { currentApproval: true } })).currentApproval?.sparadosId).toBe(requestId);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: card.cardId, action: 'requests.accept' } });
    expect(audit.summary).toBe(`Piotr Zielinski accepted the change request for card 'Travel – J. Smith' (budget PLN\u00a0500.00 → PLN\u00a0900.00); the card now follows approval ${requestId}.`);
  });

  it('rejecting needs a reason, which the audit trail keeps', async () => {
    const card = await deliveredCard(sandbox);
    const requestId = await ask(card, { budgetMinor: 70_000 });
    const noReason = await runAction(rejectChangeRequest.definition, act(card, requestId, { reason: ' ' }), runtimeFor(approver));
    expect(noReason).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(!noReason.ok && noReason.fieldErrors.reason?.[0]).toMatch(/Say why/);
    expect(await runAction(rejectChangeRequest.definition, act(card, requestId, { reason: 'Budget is frozen until March' }), runtimeFor(approver))).toMatchObject({ ok: true, data: { status: 'REJECTED' } });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: card.cardId, action: 'requests.reject' } });
    expect(audit.summary).toMatch(/rejected the change request for card 'Travel – J\. Smith' \(budget PLN\u00a0500\.00 → PLN\u00a0700\.00\): “Budget is frozen until March”\.$/);
    expect(audit.after).toMatchObject({ reason: 'Budget is frozen until March' });
    expect((await db.card.findUniqueOrThrow({ where: { id: card.cardId }, include: { currentApproval: true } })).currentApproval?.sparadosId).toBe(card.approvalId);
  });

  it('edit then accept grants a different budget and end date, once', async () => {
    const card = await deliveredCard(sandbox);
    const requestId = await ask(card, { budgetMinor: 150_000 });
    const input = act(card, requestId, { currency, budget: '750', endDate: new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10) });
    const bad = await runAction(editAndAcceptRequest.definition, { ...input, budget: '7.505' }, runtimeFor(approver));
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(!bad.ok && Object.keys(bad.fieldErrors)).toEqual(['budget']);
    const [first, second] = await Promise.all([runAction(editAndAcceptRequest.definition, input, runtimeFor(approver)), runAction(editAndAcceptRequest.definition, input, runtimeFor(approver))]);
    expect(first).toMatchObject({ ok: true, data: { decision: 'edit_accept', currentApprovalId: requestId, requested: { budgetMinor: '75000' } } });
    expect(second).toMatchObject({ ok: true });
    const upstream = await getSparadosClient().getApproval(requestId);
    expect(upstream).toMatchObject({ status: 'DELIVERED', budgetMinor: 75_000 });
    expect(upstream.limits.find((l) => l.type === 'atm')?.amountMinor).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: card.cardId, action: 'requests.edit_accept' } })).toBe(1);
  });

  it('cancelling a request withdraws it without an answer', async () => {
    const card = await deliveredCard(sandbox);
    const requestId = await ask(card, { budgetMinor: 60_000 });
    expect(await runAction(cancelApproval.definition, act(card, requestId), runtimeFor(approver))).toMatchObject({ ok: true, data: { status: 'CANCELED' } });
    expect((await listChangeRequests()).map((r) => r.approvalId)).not.toContain(requestId);
  });

  it('bulk: accepts or rejects the selected requests, reports each row, and repeats nothing when resent', async () => {
    const [a, b, c] = await Promise.all([deliveredCard(sandbox), deliveredCard(sandbox), deliveredCard(sandbox)]);
    const ra = await sandbox.control.changeRequest(a.approvalId, { budgetMinor: 61_000 });
    const rb = await sandbox.control.changeRequest(b.approvalId, { budgetMinor: 62_000 });
    const rc = await sandbox.control.changeRequest(c.approvalId, { budgetMinor: 63_000 });
    await syncApprovals();
    // One of them is answered in Sparados meanwhile: its row fails, the others go through.
    await getSparadosClient().rejectReapproval(rb.id);
    const input = { decision: 'accept', idempotencyKey: randomUUID(), items: [a, b].map((card, i) => ({ cardId: card.cardId, approvalId: [ra.id, rb.id][i]! })) };
    const result = await runAction(decideRequests.definition, input, runtimeFor(approver));
    expect(result.ok && result.data.rows.map((r) => r.ok)).toEqual([true, false]);
    expect(result.ok && result.data.rows[1]!.message).toMatch(/not possible now/);
    const again = await runAction(decideRequests.definition, input, runtimeFor(approver));
    expect(again.ok && again.data.rows.map((r) => r.ok)).toEqual([true, false]);
    expect(await db.auditEvent.count({ where: { targetId: a.cardId, action: 'requests.accept' } })).toBe(1);
    expect(await budgetOf(ra.id)).toBe(61_000);

    const reject = { decision: 'reject', idempotencyKey: randomUUID(), reason: '', items: [{ cardId: c.cardId, approvalId: rc.id }] };
    expect(await runAction(decideRequests.definition, reject, runtimeFor(approver))).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { reason: [expect.stringMatching(/Say why/)] } });
    expect(await runAction(decideRequests.definition, { ...reject, reason: 'Over policy' }, runtimeFor(approver))).toMatchObject({ ok: true, data: { rows: [{ ok: true }] } });
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: rc.id } })).status).toBe('REJECTED');
  });

  it('only APPROVER and ADMIN decide: every decision is refused to VIEWER and OPERATOR', async () => {
    const card = await deliveredCard(sandbox);
    const requestId = await ask(card, { budgetMinor: 80_000 });
    const inputs = [
      [acceptChangeRequest, act(card, requestId)],
      [rejectChangeRequest, act(card, requestId, { reason: 'No' })],
      [editAndAcceptRequest, act(card, requestId, { currency, budget: '800', endDate: '2030-01-01' })],
      [decideRequests, { decision: 'accept', idempotencyKey: randomUUID(), items: [{ cardId: card.cardId, approvalId: requestId }] }],
    ] as const;
    for (const [action, input] of inputs) {
      for (const user of [viewer, operator]) {
        expect(await runAction(action.definition as Parameters<typeof runAction>[0], input, runtimeFor(user)), `${action.definition.name} as ${user.role}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      }
    }
    expect(await db.pendingOperation.count({ where: { approvalSparadosId: requestId } })).toBe(0);
    expect((await listChangeRequests()).map((r) => r.approvalId)).toContain(requestId);
  });
});
