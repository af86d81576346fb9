import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { changeBudget } from '@/lib/approvals/actions';
import { runApprovalOperation } from '@/lib/approvals/operations';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { cardLane, withLane } from '@/lib/operations/lanes';
import { performWrite } from '@/lib/operations/perform-write';
import { configureSparadosLog } from '@/lib/sparados/log';
import { admittedNewCard } from '@/tests/support/admission';
import { createTestUser } from '@/tests/support/users';
import { approveBudgetChange, changeBudgets, updateBudgetPolicy } from './actions';
import { DEFAULT_BUDGET_POLICY, POLICY_ROLES, ALLOWANCE_FIELDS, type BudgetPolicy } from './policy';
import { POLICY_KEY, readBudgetPolicy } from './policy-store';
import { budgetOf, deliveredCard, runtimeFor, type TestCard } from './test-support';

// The controls around the budget policy (docs/decisions/105, 106): splitting a raise into pieces does
// not get past it; two people means two different people; changing the policy is itself under four
// eyes; changes of one card never overlap; and no write that can raise a budget leaves without the gate.

let sandbox: SandboxHarness;
let currency: string;

beforeAll(async () => {
  configureSparadosLog({ sink: () => {} });
  sandbox = await sandboxHarness();
  currency = (await sandbox.control.corporation()).currency;
});
afterEach(async () => {
  await sandbox.control.clearFaults();
});
afterAll(async () => {
  // Later files start from the default policy.
  await db.setting.deleteMany({ where: { key: POLICY_KEY } });
  await sandbox.close();
});

const topUp = (card: TestCard, amount: string, user: SessionUser, key = randomUUID()) =>
  runAction(changeBudget.definition, { cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: key, mode: 'increase', amount, currency }, runtimeFor(user));

const OPERATOR_LIMIT = DEFAULT_BUDGET_POLICY.OPERATOR.perChangeMinor;

describe('splitting a raise does not get past the policy', () => {
  it('two raises of 0.6 × the limit by one operator on one card: the second waits (the card total)', async () => {
    const operator = await createTestUser('OPERATOR');
    const card = await deliveredCard(sandbox);
    const piece = ((OPERATOR_LIMIT * 0.6) / 100).toFixed(2);
    expect(await topUp(card, piece, operator)).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    const second = await topUp(card, piece, operator);
    expect(second).toMatchObject({ ok: true, data: { outcome: 'awaiting_approval', held: { limit: 'CARD_DAY' } } });
    expect(second.ok && second.data.held!.reason).toBe(
      'above what may be added alone to one card in 24 hours (PLN\u00a01,000.00; PLN\u00a0600.00 already added to this card, PLN\u00a0400.00 left)',
    );
    expect(await budgetOf(card.approvalId)).toBe(50_000 + 60_000);
  });

  it('a second person on the same card shares the card total', async () => {
    const [a, b] = await Promise.all([createTestUser('OPERATOR'), createTestUser('OPERATOR')]);
    const card = await deliveredCard(sandbox);
    expect(await topUp(card, '600', a)).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(await topUp(card, '600', b)).toMatchObject({ ok: true, data: { outcome: 'awaiting_approval', held: { limit: 'CARD_DAY' } } });
  });

  it('twenty top-ups of 999.99 on twenty cards: the person total holds the sixth', async () => {
    const operator = await createTestUser('OPERATOR');
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const result = await topUp(await deliveredCard(sandbox), '999.99', operator);
      outcomes.push(result.ok ? result.data.outcome : result.code);
    }
    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'awaiting_approval']);
  });

  it('one bulk change on many cards stops at the person total; the rest wait, each on its own', async () => {
    const operator = await createTestUser('OPERATOR');
    const cards = await Promise.all(Array.from({ length: 7 }, () => deliveredCard(sandbox)));
    const result = await runAction(changeBudgets.definition, { idempotencyKey: randomUUID(), mode: 'increase', amount: '1000', currency, cards: cards.map((c) => ({ cardId: c.cardId, approvalId: c.approvalId })) }, runtimeFor(operator));
    expect(result.ok && result.data.rows.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'awaiting_approval', 'awaiting_approval']);
    expect(result.ok && result.data.rows[5]!.result!.held!.reason).toMatch(/^above what one operator may add alone in 24 hours \(PLN\u00a05,000.00; PLN\u00a05,000.00 used, PLN\u00a00.00 left\)$/);
  });

  it('a raise Sparados refused gives its room back', async () => {
    const operator = await createTestUser('OPERATOR');
    const card = await deliveredCard(sandbox);
    await sandbox.control.addFault({ match: { method: 'PUT', path: 'increase_budget' }, mode: 'status', status: 422, times: 1 });
    expect(await topUp(card, '1000', operator)).toMatchObject({ ok: false, code: 'BUDGET_RULE' });
    expect(await topUp(card, '1000', operator)).toMatchObject({ ok: true, data: { outcome: 'applied' } });
  });
});

describe('held acceptances of a change request', () => {
  it('a second accept above the allowance joins the first held one; the inbox shows it as waiting', async () => {
    const [a, b] = await Promise.all([createTestUser('APPROVER', { name: 'First Approver' }), createTestUser('APPROVER')]);
    const card = await deliveredCard(sandbox);
    const request = await sandbox.control.changeRequest(card.approvalId, { budgetMinor: 50_000 + 1_000_001 });
    const { saveApprovalFromSparados } = await import('@/lib/approvals/store');
    const { getSparadosClient } = await import('@/lib/sparados');
    await saveApprovalFromSparados(await getSparadosClient().getApproval(request.id), { cardId: card.cardId });
    const { acceptChangeRequest } = await import('@/lib/approvals/actions');
    const accept = (user: SessionUser) => runAction(acceptChangeRequest.definition, { cardId: card.cardId, approvalId: request.id, idempotencyKey: randomUUID() }, runtimeFor(user));
    const first = await accept(a);
    const second = await accept(b);
    expect(first).toMatchObject({ ok: true, data: { held: { kind: 'ACCEPT_REQUEST', replayed: false } } });
    expect(second).toMatchObject({ ok: true, data: { held: { replayed: true } } });
    expect(first.ok && second.ok && second.data.held!.changeId).toBe(first.ok && first.data.held!.changeId);
    expect(await db.budgetChangeRequest.count({ where: { approvalSparadosId: request.id, status: 'AWAITING_APPROVAL' } })).toBe(1);
    const { listChangeRequests } = await import('@/lib/requests/queries');
    const listed = (await listChangeRequests()).find((r) => r.approvalId === request.id);
    expect(listed?.acceptHeld).toMatchObject({ requestedByName: 'First Approver' });
    expect(await budgetOf(card.approvalId)).toBe(50_000);
  });
});

describe('four eyes means two different people', () => {
  it('an account the requester invited cannot approve their changes in its first 7 days', async () => {
    const admin = await createTestUser('ADMIN', { name: 'Inviting Admin' });
    const invitee = await createTestUser('APPROVER', { name: 'Fresh Approver' });
    await db.adminUser.update({ where: { id: invitee.id }, data: { invitedById: admin.id } });
    const card = await deliveredCard(sandbox);
    const asked = await topUp(card, '10000.01', admin);
    const changeId = asked.ok ? asked.data.changeRequestId! : '';
    const refused = await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(invitee));
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!refused.ok && refused.message).toMatch(/^Inviting Admin invited you on \d{4}-\d\d-\d\d, so you may approve their changes only from \d{4}-\d\d-\d\d \(7 days after\)\. Ask another approver\.$/);
    expect(await budgetOf(card.approvalId)).toBe(50_000);
    await db.adminUser.update({ where: { id: invitee.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } });
    expect(await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(invitee))).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(await budgetOf(card.approvalId)).toBe(50_000 + 1_000_001);
  });
});

describe('the policy itself is under four eyes', () => {
  const form = (policy: BudgetPolicy, revision: string | null) => ({
    currency,
    revision,
    roles: Object.fromEntries(POLICY_ROLES.map((role) => [role, Object.fromEntries(ALLOWANCE_FIELDS.map((f) => [f, (policy[role][f] / 100).toFixed(2)]))])),
  });

  it('an admin tightens alone; loosening waits for a different admin, who is not the requester nor their fresh invitee', async () => {
    const [alice, bob, carol] = await Promise.all([createTestUser('ADMIN', { name: 'Alice Admin' }), createTestUser('ADMIN', { name: 'Bob Admin' }), createTestUser('ADMIN', { name: 'Carol Admin' })]);
    await db.adminUser.update({ where: { id: bob.id }, data: { invitedById: alice.id } });
    const approver = await createTestUser('APPROVER');
    const start = await readBudgetPolicy();

    const tighter = { ...start.policy, ADMIN: { ...start.policy.ADMIN, perPersonDayMinor: start.policy.ADMIN.perPersonDayMinor - 100 } };
    const tightened = await runAction(updateBudgetPolicy.definition, form(tighter, start.revision), runtimeFor(alice));
    expect(tightened).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    const now = await readBudgetPolicy();
    expect(now.policy).toEqual(tighter);

    const looser = { ...now.policy, OPERATOR: { ...now.policy.OPERATOR, perChangeMinor: 500_000 } };
    const asked = await runAction(updateBudgetPolicy.definition, form(looser, now.revision), runtimeFor(alice));
    expect(asked).toMatchObject({ ok: true, data: { outcome: 'held', differences: ['operator largest raise per change PLN\u00a01,000.00 → PLN\u00a05,000.00'] } });
    expect((await readBudgetPolicy()).policy).toEqual(tighter);
    const changeId = asked.ok ? asked.data.changeId! : '';
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: 'budgets.change_requested', actorId: alice.id, targetId: 'budgets.policy' } })).summary).toBe(
      'Alice Admin asked to change the budget policy: operator largest raise per change PLN\u00a01,000.00 → PLN\u00a05,000.00; it raises what people may do alone, so it waits for another Admin.',
    );

    for (const [user, code] of [[alice, 'FORBIDDEN'], [bob, 'FORBIDDEN'], [approver, 'FORBIDDEN']] as const) {
      expect(await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(user)), user.name).toMatchObject({ ok: false, code });
    }
    expect(await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(carol))).toMatchObject({ ok: true, data: { kind: 'POLICY', outcome: 'applied' } });
    expect((await readBudgetPolicy()).policy).toEqual(looser);
    const entry = await db.auditEvent.findFirstOrThrow({ where: { action: 'budgets.change_approved', actorId: carol.id } });
    expect(entry.summary).toBe("Carol Admin approved Alice Admin's request to change the budget policy: operator largest raise per change PLN\u00a01,000.00 → PLN\u00a05,000.00. It applies from now on.");
    expect(entry.after).toMatchObject({ requestedBy: { name: 'Alice Admin' }, decidedBy: { name: 'Carol Admin' } });
  });

  it('a loosening asked on an older version of the policy is refused when approved', async () => {
    const [alice, carol] = await Promise.all([createTestUser('ADMIN'), createTestUser('ADMIN')]);
    const start = await readBudgetPolicy();
    const looser = { ...start.policy, APPROVER: { ...start.policy.APPROVER, newCardMinor: start.policy.APPROVER.newCardMinor + 1 } };
    const asked = await runAction(updateBudgetPolicy.definition, form(looser, start.revision), runtimeFor(alice));
    const changeId = asked.ok ? asked.data.changeId! : '';
    const tighter = { ...start.policy, ADMIN: { ...start.policy.ADMIN, perCardDayMinor: start.policy.ADMIN.perCardDayMinor - 1 } };
    expect(await runAction(updateBudgetPolicy.definition, form(tighter, start.revision), runtimeFor(carol))).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    const stale = await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(carol));
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringMatching(/changed after this was asked/) });
    expect((await readBudgetPolicy()).policy).toEqual(tighter);
    // Refused before anything changed: it waits again, to be declined.
    expect((await db.budgetChangeRequest.findUniqueOrThrow({ where: { id: changeId } })).status).toBe('AWAITING_APPROVAL');
  });
});

describe('changes of one card never overlap', () => {
  it('twenty top-ups at once on one card end at the serial result, none lost', async () => {
    const admin = await createTestUser('ADMIN');
    const card = await deliveredCard(sandbox);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => topUp(card, String(i + 1), admin)));
    expect(results.map((r) => (r.ok ? r.data.outcome : r.code))).toEqual(Array.from({ length: 20 }, () => 'applied'));
    expect(await budgetOf(card.approvalId)).toBe(50_000 + 100 * (20 * 21) / 2);
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: card.approvalId } })).budgetMinor).toBe(BigInt(50_000 + 100 * 210));
  });

  it('two "set available to 500" at once end at 500, not 900', async () => {
    const admin = await createTestUser('ADMIN');
    const card = await deliveredCard(sandbox, { budgetMinor: 40_000 });
    const set = () => runAction(changeBudget.definition, { cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: randomUUID(), mode: 'target', amount: '500', currency }, runtimeFor(admin));
    const [a, b] = await Promise.all([set(), set()]);
    const outcomes = [a, b].map((r) => (r.ok ? r.data.outcome : r.code)).sort();
    expect(outcomes).toEqual(['VALIDATION', 'applied']);
    const refused = [a, b].find((r) => !r.ok);
    expect(refused && !refused.ok && refused.message).toBe('The available amount is already PLN\u00a0500.00; nothing to change.');
    expect(await budgetOf(card.approvalId)).toBe(50_000);
  });

  it('a change of a card whose earlier change is still unconfirmed waits its turn, then is told why', async () => {
    const admin = await createTestUser('ADMIN');
    const card = await deliveredCard(sandbox);
    // An earlier write of this card, sent and never confirmed (as a crash would leave it).
    const earlier = await db.pendingOperation.create({
      data: { idempotencyKey: randomUUID(), kind: 'approval.budget', status: 'SENT', cardId: card.cardId, approvalSparadosId: card.approvalId, lane: cardLane(card.cardId), request: {}, attempts: 1 },
    });
    const started = Date.now();
    const busy = topUp(card, '1', admin);
    await expect(withLane(cardLane(card.cardId), randomUUID(), async () => 'never', { waitMs: 300 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Another change to this card, sent at \d\d:\d\d UTC, is still being confirmed with Sparados\. This one was not sent; try again in a minute\.$/),
    });
    // The top-up sent meanwhile waits its turn; once the earlier write is settled it goes through.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await db.pendingOperation.update({ where: { id: earlier.id }, data: { status: 'FAILED', completedAt: new Date() } });
    expect(await busy).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(await budgetOf(card.approvalId)).toBe(50_100);
  });
});

describe('nothing that can raise a budget leaves without the gate', () => {
  it('the budget-raising writes refuse to start without an admission for their own key', async () => {
    const card = await deliveredCard(sandbox);
    const key = randomUUID();
    await expect(runApprovalOperation('approval.budget', { idempotencyKey: key, cardId: card.cardId, request: { approvalId: card.approvalId, additionalBudgetMinor: 1 } })).rejects.toThrow(/must pass the budget gate/);
    await expect(
      runApprovalOperation('approval.create', { idempotencyKey: key, request: { body: sandbox.request() }, admission: await admittedNewCard(randomUUID()) }),
    ).rejects.toThrow(/must pass the budget gate/);
    await expect(runApprovalOperation('approval.accept', { idempotencyKey: key, cardId: card.cardId, request: { approvalId: card.approvalId } })).rejects.toThrow(/must pass the budget gate/);
    await expect(runApprovalOperation('approval.edit', { idempotencyKey: key, cardId: card.cardId, request: { approvalId: card.approvalId, body: { rules: sandbox.request().rules } } })).rejects.toThrow(
      /must pass the budget gate/,
    );
    expect(await db.pendingOperation.count({ where: { idempotencyKey: key } })).toBe(0);
    expect(await budgetOf(card.approvalId)).toBe(50_000);
  });

  it('a write in a lane needs the lane held', async () => {
    const card = await deliveredCard(sandbox);
    const forged = { lane: cardLane(card.cardId), holderKey: 'x' };
    await expect(performWrite({ kind: 'approval.lock', idempotencyKey: randomUUID(), request: {}, lease: forged }, async () => null, async () => undefined)).rejects.toThrow(/is not held/);
    const inside = await withLane(cardLane(card.cardId), randomUUID(), async (lease) => lease.lane);
    expect(inside).toBe(cardLane(card.cardId));
  });
});
