import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { changeBudget } from '@/lib/approvals/actions';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { getCardDetail } from '@/lib/approvals/queries';
import { createTestUser } from '@/tests/support/users';
import { approveBudgetChange, changeBudgets, declineBudgetChange, reclaimIdleBudget, updateBudgetPolicy, withdrawBudgetChange } from './actions';
import { listIdleCards } from './queries';
import { budgetOf, deliveredCard, runtimeFor, spend, type TestCard } from './test-support';

// Budget changes through the real action wrapper, database and sandbox (issue 6 items 2–4): amounts,
// targets, the below-spent rule, four eyes, many cards at once and reclaiming idle budget.

let sandbox: SandboxHarness;
let operator: SessionUser;
let approver: SessionUser;
let approver2: SessionUser;
let admin: SessionUser;
let viewer: SessionUser;
let currency: string;

beforeAll(async () => {
  sandbox = await sandboxHarness();
  currency = (await sandbox.control.corporation()).currency;
  [operator, approver, approver2, admin, viewer] = await Promise.all([
    createTestUser('OPERATOR', { name: 'Olga Operator' }),
    createTestUser('APPROVER', { name: 'Adam Approver' }),
    createTestUser('APPROVER', { name: 'Beata Approver' }),
    createTestUser('ADMIN', { name: 'Anna Admin' }),
    createTestUser('VIEWER'),
  ]);
  // The policy's defaults (docs/decisions/105): per change, operator 1,000.00, approver and admin 10,000.00.
});
afterAll(async () => {
  await sandbox.close();
});

const change = (card: TestCard, mode: 'increase' | 'decrease' | 'target', amount: string, key = randomUUID()) => ({ cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: key, mode, amount, currency });

describe('budget changes on one card', () => {
  it('tops up and reduces by an amount with before/after figures, and writes the sentence the audit log shows', async () => {
    const card = await deliveredCard(sandbox);
    const up = await runAction(changeBudget.definition, change(card, 'increase', '300'), runtimeFor(operator));
    expect(up).toMatchObject({ ok: true, data: { outcome: 'applied', before: { budgetMinor: '50000' }, after: { budgetMinor: '80000', availableMinor: '80000' }, deltaMinor: '30000' } });
    const down = await runAction(changeBudget.definition, change(card, 'decrease', '125.50'), runtimeFor(operator));
    expect(down).toMatchObject({ ok: true, data: { outcome: 'applied', after: { budgetMinor: '67450' } } });
    expect(await budgetOf(card.approvalId)).toBe(67_450);

    const events = await db.auditEvent.findMany({ where: { targetId: card.cardId, action: 'cards.topup' }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.summary)).toEqual([
      `Olga Operator raised the budget of card 'Travel – J. Smith' from PLN\u00a0500.00 to PLN\u00a0800.00.`,
      `Olga Operator lowered the budget of card 'Travel – J. Smith' from PLN\u00a0800.00 to PLN\u00a0674.50.`,
    ]);
    expect(events[0]).toMatchObject({ before: { budgetMinor: '50000' }, after: { budgetMinor: '80000', outcome: 'applied' }, ip: '198.51.100.23' });
  });

  it('sets the available amount to a target from the figures Sparados has now', async () => {
    const card = await deliveredCard(sandbox);
    await spend(sandbox, card, 10_000);
    // The panel still shows nothing spent; the server reads Sparados before planning.
    const result = await runAction(changeBudget.definition, change(card, 'target', '250'), runtimeFor(operator));
    expect(result).toMatchObject({ ok: true, data: { before: { budgetMinor: '50000', spentMinor: '10000', availableMinor: '40000' }, after: { budgetMinor: '35000', availableMinor: '25000' }, deltaMinor: '-15000' } });
    expect(await budgetOf(card.approvalId)).toBe(35_000);
  });

  it('refuses a reduction below what is spent before calling Sparados, with the figure it may go down to', async () => {
    const card = await deliveredCard(sandbox);
    await spend(sandbox, card, 12_345);
    const result = await runAction(changeBudget.definition, change(card, 'decrease', '400'), runtimeFor(operator));
    expect(result).toMatchObject({ ok: false, code: 'BUDGET_RULE' });
    expect(!result.ok && result.fieldErrors.amount?.[0]).toContain('may go down to PLN\u00a0123.45');
    expect(await db.pendingOperation.count({ where: { cardId: card.cardId, kind: 'approval.budget' } })).toBe(0);
    expect(await budgetOf(card.approvalId)).toBe(50_000);
  });

  it('a double click (same key, at once) and a later retry apply once and audit once', async () => {
    const card = await deliveredCard(sandbox);
    const input = change(card, 'increase', '10');
    const [a, b] = await Promise.all([runAction(changeBudget.definition, input, runtimeFor(operator)), runAction(changeBudget.definition, input, runtimeFor(operator))]);
    expect(a).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(b).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    const retry = await runAction(changeBudget.definition, input, runtimeFor(operator));
    expect(retry).toMatchObject({ ok: true, data: { outcome: 'applied', replayed: true, after: { budgetMinor: '51000' } } });
    expect(await budgetOf(card.approvalId)).toBe(51_000);
    expect(await db.auditEvent.count({ where: { targetId: card.cardId, action: 'cards.topup' } })).toBe(1);
  });

  it('refuses a locked card (the state machine) and an approval of another card', async () => {
    const card = await deliveredCard(sandbox);
    const other = await deliveredCard(sandbox);
    expect(await runAction(changeBudget.definition, { ...change(card, 'increase', '1'), approvalId: other.approvalId }, runtimeFor(operator))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const { getSparadosClient } = await import('@/lib/sparados');
    await getSparadosClient().lockCard(card.approvalId);
    expect(await runAction(changeBudget.definition, change(card, 'increase', '1'), runtimeFor(operator))).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });
});

describe('four eyes', () => {
  it('an operator top-up above their limit waits; an operator cannot approve; another approver approves and it is applied once', async () => {
    const card = await deliveredCard(sandbox);
    const asked = await runAction(changeBudget.definition, change(card, 'increase', '1000.01'), runtimeFor(operator));
    expect(asked).toMatchObject({ ok: true, data: { outcome: 'awaiting_approval', held: { limit: 'PER_CHANGE', limitMinor: '100000' }, after: { budgetMinor: '150001' } } });
    const changeId = asked.ok ? asked.data.changeRequestId! : '';
    expect(await budgetOf(card.approvalId)).toBe(50_000);
    expect(await db.pendingOperation.count({ where: { cardId: card.cardId, kind: 'approval.budget' } })).toBe(0);
    expect((await db.auditEvent.findFirstOrThrow({ where: { targetId: card.cardId, action: 'budgets.change_requested' } })).summary).toBe(
      `Olga Operator asked to raise the budget of card 'Travel – J. Smith' from PLN\u00a0500.00 to PLN\u00a01,500.01; above the operator limit of PLN\u00a01,000.00 per change, it waits for a second approver.`,
    );
    // Exactly at the limit applies at once.
    expect(await runAction(changeBudget.definition, change(card, 'increase', '1000'), runtimeFor(operator))).toMatchObject({ ok: true, data: { outcome: 'applied' } });

    const other = await createTestUser('OPERATOR');
    for (const user of [operator, other, viewer]) {
      expect(await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(user))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    const [first, second] = await Promise.all([
      runAction(approveBudgetChange.definition, { changeId }, runtimeFor(approver)),
      runAction(approveBudgetChange.definition, { changeId }, runtimeFor(approver)),
    ]);
    expect(first).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(second).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    // Another approver arriving late is told who approved it; nothing is sent again.
    expect(await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(approver2))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await budgetOf(card.approvalId)).toBe(50_000 + 100_000 + 100_001);
    const approved = await db.auditEvent.findMany({ where: { targetId: card.cardId, action: 'budgets.change_approved' } });
    expect(approved).toHaveLength(1);
    expect(approved[0]!.summary).toContain("Adam Approver approved Olga Operator's request to raise the budget of card 'Travel – J. Smith'");
    expect((await db.budgetChangeRequest.findUniqueOrThrow({ where: { id: changeId } })).status).toBe('APPROVED');
  });

  it('the requester cannot approve their own change, even as an approver; a second approver can', async () => {
    const card = await deliveredCard(sandbox);
    const asked = await runAction(changeBudget.definition, change(card, 'increase', '10000.01'), runtimeFor(approver));
    expect(asked).toMatchObject({ ok: true, data: { outcome: 'awaiting_approval' } });
    const changeId = asked.ok ? asked.data.changeRequestId! : '';
    const own = await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(approver));
    expect(own).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!own.ok && own.message).toMatch(/someone else must approve it/);
    expect(await budgetOf(card.approvalId)).toBe(50_000);
    expect(await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(admin))).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(await budgetOf(card.approvalId)).toBe(50_000 + 1_000_001);
  });

  it('a target is worked out again when approved; declined and withdrawn changes send nothing', async () => {
    const card = await deliveredCard(sandbox);
    const target = await runAction(changeBudget.definition, change(card, 'target', '2000'), runtimeFor(operator));
    expect(target).toMatchObject({ ok: true, data: { outcome: 'awaiting_approval', deltaMinor: '150000' } });
    await spend(sandbox, card, 5_000);
    const approved = await runAction(approveBudgetChange.definition, { changeId: target.ok ? target.data.changeRequestId! : '' }, runtimeFor(approver));
    // Available was 450.00 when approved, so 1,550.00 more reaches 2,000.00.
    expect(approved).toMatchObject({ ok: true, data: { outcome: 'applied', deltaMinor: '155000', after: { availableMinor: '200000' } } });

    const declined = await runAction(changeBudget.definition, change(card, 'increase', '5000'), runtimeFor(operator));
    const declinedId = declined.ok ? declined.data.changeRequestId! : '';
    expect(await runAction(declineBudgetChange.definition, { changeId: declinedId, reason: 'Not this quarter' }, runtimeFor(operator))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await runAction(declineBudgetChange.definition, { changeId: declinedId, reason: 'Not this quarter' }, runtimeFor(approver))).toMatchObject({ ok: true });
    expect(await runAction(approveBudgetChange.definition, { changeId: declinedId }, runtimeFor(approver2))).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect((await db.auditEvent.findFirstOrThrow({ where: { targetId: card.cardId, action: 'budgets.change_declined' } })).summary).toMatch(/declined Olga Operator's request to raise .*: “Not this quarter”\.$/);

    const withdrawn = await runAction(changeBudget.definition, change(card, 'increase', '5000'), runtimeFor(operator));
    const withdrawnId = withdrawn.ok ? withdrawn.data.changeRequestId! : '';
    expect(await runAction(withdrawBudgetChange.definition, { changeId: withdrawnId }, runtimeFor(approver))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await runAction(withdrawBudgetChange.definition, { changeId: withdrawnId }, runtimeFor(operator))).toMatchObject({ ok: true });
    expect(await budgetOf(card.approvalId)).toBe(200_000 + 5_000);
    expect(await db.pendingOperation.count({ where: { cardId: card.cardId, kind: 'approval.budget' } })).toBe(1);
  });

  it('the card page lists the waiting change', async () => {
    const card = await deliveredCard(sandbox);
    await runAction(changeBudget.definition, change(card, 'increase', '2000'), runtimeFor(operator));
    const detail = await getCardDetail(card.cardId);
    expect(detail?.inFlight.budgetChanges).toMatchObject([{ kind: 'TOP_UP', state: 'awaiting_approval', requestedByName: 'Olga Operator', deltaMinor: '200000', reason: 'above the operator limit of PLN\u00a01,000.00 per change' }]);
  });
});

describe('many cards at once, and reclaiming idle budget', () => {
  it('applies one change to each selected card, reports each row, and repeats nothing when sent again', async () => {
    const a = await deliveredCard(sandbox);
    const b = await deliveredCard(sandbox);
    await spend(sandbox, b, 45_000);
    const input = { idempotencyKey: randomUUID(), mode: 'decrease' as const, amount: '100', currency, cards: [a, b].map((c) => ({ cardId: c.cardId, approvalId: c.approvalId })) };
    const result = await runAction(changeBudgets.definition, input, runtimeFor(operator));
    expect(result.ok && result.data.rows.map((r) => r.outcome)).toEqual(['applied', 'refused']);
    expect(result.ok && result.data.rows[1]!.message).toContain('may go down to PLN\u00a0450.00');
    const again = await runAction(changeBudgets.definition, input, runtimeFor(operator));
    expect(again.ok && again.data.rows.map((r) => [r.outcome, r.result?.replayed ?? null])).toEqual([['applied', true], ['refused', null]]);
    expect(await budgetOf(a.approvalId)).toBe(40_000);
    expect(await db.auditEvent.count({ where: { targetId: a.cardId, action: 'cards.topup' } })).toBe(1);
  });

  it('finds cards with no spend in N days and reduces them to what they spent', async () => {
    const idle = await deliveredCard(sandbox);
    await spend(sandbox, idle, 7_000);
    const busy = await deliveredCard(sandbox);
    const { saveApprovalFromSparados } = await import('@/lib/approvals/store');
    const { getSparadosClient } = await import('@/lib/sparados');
    await saveApprovalFromSparados(await getSparadosClient().getApproval(idle.approvalId), { cardId: idle.cardId });
    // Both cards exist for 40 days; the idle one's spend (and its row) is older than 30 days; the busy
    // one has a payment in the transaction mirror 3 days ago.
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db.$executeRaw`UPDATE "Card" SET "createdAt" = ${old} WHERE id IN (${idle.cardId}::uuid, ${busy.cardId}::uuid)`;
    await db.$executeRaw`UPDATE "Approval" SET "updatedAt" = ${old} WHERE "sparadosId" = ${idle.approvalId}`;
    await db.transaction.create({
      data: { sparadosId: randomUUID(), type: 'PURCHASE', status: 'CLEARED', statusRaw: 'CLEARED', amountMinor: 1_000n, currency, cardId: busy.cardId, occurredAt: new Date(Date.now() - 3 * 86_400_000), sparadosUpdatedAt: new Date() },
    });
    const ids = (await listIdleCards(30)).map((c) => c.cardId);
    expect(ids).toContain(idle.cardId);
    expect(ids).not.toContain(busy.cardId);
    expect((await listIdleCards(2)).map((c) => c.cardId)).toContain(busy.cardId);

    const result = await runAction(reclaimIdleBudget.definition, { idempotencyKey: randomUUID(), currency, cards: [{ cardId: idle.cardId, approvalId: idle.approvalId }] }, runtimeFor(operator));
    expect(result).toMatchObject({ ok: true, data: { rows: [{ outcome: 'applied', result: { after: { budgetMinor: '7000', availableMinor: '0' } } }] } });
    expect(await budgetOf(idle.approvalId)).toBe(7_000);
    expect((await listIdleCards(30)).map((c) => c.cardId)).not.toContain(idle.cardId);
  });
});

describe('permissions of every new budget action', () => {
  it('refuses each role below the one the action needs, before reading its input', async () => {
    const someId = { changeId: randomUUID() };
    const start = new Date();
    const cases = [
      [changeBudget, [viewer]],
      [changeBudgets, [viewer]],
      [reclaimIdleBudget, [viewer]],
      [approveBudgetChange, [viewer, operator]],
      [declineBudgetChange, [viewer, operator]],
      [withdrawBudgetChange, [viewer]],
      [updateBudgetPolicy, [viewer, operator, approver]],
    ] as const;
    for (const [action, roles] of cases) {
      for (const user of roles) {
        const result = await runAction(action.definition as Parameters<typeof runAction>[0], someId, runtimeFor(user));
        expect(result, `${action.definition.name} as ${user.role}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      }
    }
    // Each refusal is itself in the audit log.
    const denied = await db.auditEvent.findMany({ where: { action: 'access.denied', actorId: viewer.id, at: { gte: start } }, select: { targetId: true } });
    expect(denied.map((d) => d.targetId).sort()).toEqual(['budgets.approve', 'budgets.bulk_change', 'budgets.decline', 'budgets.reclaim', 'budgets.withdraw', 'cards.topup', 'settings.budget_policy']);
  });
});
