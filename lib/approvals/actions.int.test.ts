import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { formatMoney } from '@/lib/money';
import { getSparadosClient } from '@/lib/sparados';
import { actionSuite } from '@/tests/support/action-test';
import { cancelApproval, changeBudget, editCard, lockCard, unassignCard, unlockCard } from './actions';
import { runApprovalOperation } from './operations';
import { admittedNewCard } from '@/tests/support/admission';

// The card page's actions through the real action wrapper, database and sandbox.

const suite = actionSuite(['OPERATOR', 'APPROVER', 'VIEWER'], '198.51.100.7');
const runtime = suite.runtime;
let operator: SessionUser;
let approver: SessionUser;
let viewer: SessionUser;
beforeAll(() => void ([operator, approver, viewer] = suite.users));

async function newCard() {
  const key = randomUUID();
  const outcome = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body: suite.sandbox.request() }, admission: await admittedNewCard(key) });
  return { cardId: outcome.cardId!, approvalId: outcome.result.id };
}

const act = (card: { cardId: string; approvalId: string }, key = randomUUID()) => ({ ...card, idempotencyKey: key });

describe('card actions', () => {
  it('a VIEWER is refused every action', async () => {
    const card = await newCard();
    for (const action of [lockCard, unlockCard, unassignCard]) {
      expect(await runAction(action.definition, act(card), runtime(viewer))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await db.pendingOperation.count({ where: { cardId: card.cardId, kind: { not: 'approval.create' } } })).toBe(0);
  });

  it('refuses an action the state does not allow, before calling Sparados', async () => {
    const card = await newCard();
    const result = await runAction(lockCard.definition, act(card), runtime(operator));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(!result.ok && result.message).toMatch(/Lock card is not possible now: the approval is waiting for redemption/);
    expect(await db.pendingOperation.count({ where: { cardId: card.cardId, kind: 'approval.lock' } })).toBe(0);
  });

  it('lock (double click applies once), unlock, budget up and down, edit, unassign', async () => {
    const card = await newCard();
    await suite.sandbox.control.redeem(card.approvalId);

    const key = randomUUID();
    const [first, second] = await Promise.all([
      runAction(lockCard.definition, act(card, key), runtime(operator)),
      runAction(lockCard.definition, act(card, key), runtime(operator)),
    ]);
    expect(first).toMatchObject({ ok: true, data: { cardStatus: 'LOCKED' } });
    expect(second).toMatchObject({ ok: true, data: { cardStatus: 'LOCKED' } });
    expect(await db.auditEvent.count({ where: { targetId: card.cardId, action: 'cards.lock' } })).toBe(1);
    expect((await db.card.findUniqueOrThrow({ where: { id: card.cardId } })).cardStatus).toBe('LOCKED');
    expect((await getSparadosClient().getApproval(card.approvalId)).cardStatus).toBe('LOCKED');

    // Locked: only unlock.
    expect(await runAction(lockCard.definition, act(card), runtime(operator))).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await runAction(changeBudget.definition, { ...act(card), mode: 'increase', amount: '10', currency: 'PLN' }, runtime(operator))).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(await runAction(unlockCard.definition, act(card), runtime(operator))).toMatchObject({ ok: true, data: { cardStatus: 'ACTIVE' } });

    const currency = (await suite.sandbox.control.corporation()).currency;
    // 500.00 budget, nothing spent: taking off 600.00 is refused before Sparados is asked.
    const tooMuch = await runAction(changeBudget.definition, { ...act(card), mode: 'decrease', amount: '600', currency }, runtime(operator));
    expect(tooMuch).toMatchObject({ ok: false, code: 'BUDGET_RULE' });
    expect(!tooMuch.ok && tooMuch.fieldErrors.amount?.[0]).toMatch(/cannot go below what is already spent/);
    expect(await db.pendingOperation.count({ where: { cardId: card.cardId, kind: 'approval.budget' } })).toBe(0);
    expect(await runAction(changeBudget.definition, { ...act(card), mode: 'increase', amount: '100.50', currency }, runtime(operator))).toMatchObject({ ok: true });
    expect(await runAction(changeBudget.definition, { ...act(card), mode: 'decrease', amount: '50.50', currency }, runtime(operator))).toMatchObject({ ok: true });
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: card.approvalId } })).budgetMinor).toBe(55_000n);
    // Above the operator's four-eyes limit (1,000.00 by default) the top-up waits for a second approver (lib/budgets).
    expect(await runAction(changeBudget.definition, { ...act(card), mode: 'increase', amount: '1000.01', currency }, runtime(operator))).toMatchObject({ ok: true, data: { outcome: 'awaiting_approval' } });
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: card.approvalId } })).budgetMinor).toBe(55_000n);

    const upstream = await getSparadosClient().getApproval(card.approvalId);
    const edit = await runAction(
      editCard.definition,
      {
        ...act(card),
        currency,
        budget: '700',
        startDate: upstream.validity.startDate.toISOString(),
        endDate: upstream.validity.endDate.toISOString(),
        timezone: 'Europe/Warsaw',
        limits: {
          general: { mode: 'default', amount: '', period: 'monthly' },
          ecommerce: { mode: 'amount', amount: '200', period: 'weekly' },
          atm: { mode: 'disabled', amount: '', period: 'monthly' },
          foreign: { mode: 'default', amount: '', period: 'monthly' },
        },
        mcc: { mode: 'none', categories: [], codes: '' },
        tags: ['travel'],
        allowChangeRequest: true,
      },
      runtime(operator),
    );
    expect(edit).toMatchObject({ ok: true });
    const edited = edit.ok ? edit.data : null;
    expect(edited!.approvalId).not.toBe(card.approvalId);
    const after = await db.card.findUniqueOrThrow({ where: { id: card.cardId }, include: { currentApproval: true } });
    expect(after.currentApproval?.sparadosId).toBe(edited!.approvalId);
    expect(after.currentApproval?.budgetMinor).toBe(70_000n);
    expect(after.tags).toEqual(['travel']);

    const next = { cardId: card.cardId, approvalId: edited!.approvalId };
    expect(await runAction(unassignCard.definition, act(next), runtime(operator))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await runAction(unassignCard.definition, act(next), runtime(approver))).toMatchObject({ ok: true, data: { status: 'FINISHED' } });
    expect((await db.card.findUniqueOrThrow({ where: { id: card.cardId } })).status).toBe('FINISHED');

    const events = await db.auditEvent.findMany({ where: { targetType: 'card', targetId: card.cardId }, orderBy: { at: 'asc' } });
    expect(events.filter((e) => e.actorId !== null).map((e) => e.action)).toEqual(['cards.lock', 'cards.unlock', 'cards.topup', 'cards.topup', 'budgets.change_requested', 'cards.edit', 'cards.unassign']);
    // Each sentence names the card the way people know it, not only by its approval id (decision 113).
    const said = (action: string) => events.find((e) => e.action === action && e.actorId !== null)!;
    expect(said('cards.lock').summary).toBe(`${operator.name} locked card 'Contract test' (approval ${card.approvalId}).`);
    expect(said('cards.unlock').summary).toBe(`${operator.name} unlocked card 'Contract test' (approval ${card.approvalId}).`);
    expect(said('cards.lock').before).toMatchObject({ approvalId: card.approvalId, budgetMinor: '50000', currency });
    // The edit sent no description, so the card is now known by its holder.
    expect(said('cards.edit').summary).toBe(
      `${operator.name} edited the rules of card 'Contract test' (now the card of Contract Test), budget ${formatMoney(55_000n, currency)} → ${formatMoney(70_000n, currency)} (approval ${card.approvalId} replaced by ${edited!.approvalId}).`,
    );
    expect(said('cards.edit').after).toMatchObject({ approvalId: edited!.approvalId, budgetMinor: '70000', currency });
    expect(said('cards.unassign').summary).toBe(`${approver.name} took back the card of Contract Test (approval ${edited!.approvalId} is now finished).`);
    // The redemption was noticed by the fresh read before the first lock (no sync ran).
    expect(events.filter((e) => e.actorId === null).map((e) => e.summary)).toEqual([expect.stringMatching(/Waiting for redemption → Active/)]);
  });

  it('cancel names the card in the audit sentence', async () => {
    const card = await newCard();
    expect(await runAction(cancelApproval.definition, act(card), runtime(approver))).toMatchObject({ ok: true, data: { status: 'CANCELED' } });
    const entry = await db.auditEvent.findFirstOrThrow({ where: { targetId: card.cardId, action: 'cards.cancel' } });
    expect(entry.summary).toBe(`${approver.name} cancelled the approval of card 'Contract test' (approval ${card.approvalId}).`);
    expect(entry.before).toMatchObject({ approvalId: card.approvalId, status: 'ACCEPTED', currency: (await suite.sandbox.control.corporation()).currency });
  });

  it('refuses an approval that does not belong to the card', async () => {
    const a = await newCard();
    const b = await newCard();
    expect(await runAction(lockCard.definition, act({ cardId: a.cardId, approvalId: b.approvalId }), runtime(operator))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
