import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { formatMoney } from '@/lib/money';
import { getSparadosClient } from '@/lib/sparados';
import { actionSuite } from '@/tests/support/action-test';
import { assignCardAction, pollAssignedCard } from './assign-actions';
import type { AssignFormValues } from './assign-schema';
import { defaultLimitsForm } from './limits';
import { reconcileLater } from '@/tests/support/reconcile';

// The assign form's server action through the real wrapper, database and sandbox.

// An Approver assigns: these tests are about the assignment itself, well inside the approver's allowance
// (the budget policy's own tests are in lib/budgets/policy-paths.int.test.ts).
const suite = actionSuite(['APPROVER', 'VIEWER'], '198.51.100.9');
const runtime = suite.runtime;
let assigner: SessionUser;
let viewer: SessionUser;
beforeAll(() => void ([assigner, viewer] = suite.users));
const year = new Date().getUTCFullYear() + 1;

function form(overrides: Partial<AssignFormValues> = {}): AssignFormValues {
  const tag = randomUUID().slice(0, 8);
  return {
    idempotencyKey: randomUUID(),
    cardholder: { kind: 'new', fullApi: false, email: `assign-${tag}@int.test`, phonePrefix: '48', phoneNumber: `6${String(Date.now()).slice(-8)}`, firstName: 'Ada', lastName: `Test ${tag}` },
    cardAliasId: suite.sandbox.cardAliasId,
    currency: 'PLN',
    budget: '1 250,00',
    startDate: `${year}-01-01`,
    endDate: `${year}-06-30`,
    timezone: 'Europe/Warsaw',
    limits: { ...defaultLimitsForm(), atm: { mode: 'disabled', amount: '', period: 'monthly' }, general: { mode: 'amount', amount: '300', period: 'weekly' } },
    mcc: { mode: 'block', categories: ['gambling'], codes: '' },
    description: 'Integration test',
    tags: ['int'],
    ...overrides,
  };
}

async function approvalsFor(email: string) {
  const found = [];
  for await (const approval of getSparadosClient().iterateApprovals({ size: 500 })) if (approval.user.email === email) found.push(approval);
  return found;
}

describe('assign a card', () => {
  it('a double submit with the same key creates exactly one approval', async () => {
    const values = form();
    const email = (values.cardholder as { email: string }).email;
    const [first, second] = await Promise.all([
      runAction(assignCardAction.definition, values, runtime(assigner)),
      runAction(assignCardAction.definition, values, runtime(assigner)),
    ]);
    if (!first.ok || !second.ok) throw new Error(`assign failed: ${JSON.stringify([first, second])}`);
    expect(second.data.approvalId).toBe(first.data.approvalId!);
    expect(second.data.cardId).toBe(first.data.cardId!);
    expect([first.data.replayed, second.data.replayed].sort()).toEqual([false, true]);

    // A retry long after (a reload that resent the form) is still the same approval.
    const retry = await runAction(assignCardAction.definition, values, runtime(assigner));
    expect(retry).toMatchObject({ ok: true, data: { approvalId: first.data.approvalId!, replayed: true } });

    const upstream = await approvalsFor(email);
    expect(upstream).toHaveLength(1);
    expect(upstream[0]).toMatchObject({ id: first.data.approvalId!, status: 'ACCEPTED', budgetMinor: 125_000, tags: ['int'] });
    expect(upstream[0].limits.map((l) => [l.type, l.amountMinor, l.timeUnit])).toEqual([
      ['general', 30_000, 'weekly'],
      // Seed 001: every limit object carries type, amountMinor and timeUnit, MCC rules included.
      ['atm', 0, 'monthly'],
      ['mcc_blacklist', 0, 'monthly'],
    ]);
    expect(await db.approval.count({ where: { sparadosId: first.data.approvalId! } })).toBe(1);
    expect(await db.pendingOperation.count({ where: { idempotencyKey: values.idempotencyKey } })).toBe(1);
    expect(await db.cardholder.count({ where: { email } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'cards.assign', targetId: first.data.cardId! } })).toBe(1);
    const entry = await db.auditEvent.findFirstOrThrow({ where: { action: 'cards.assign', targetId: first.data.cardId! } });
    expect(entry.summary).toBe(
      `${assigner.name} assigned card 'Integration test' to Ada ${(values.cardholder as { lastName: string }).lastName} with a budget of ${formatMoney(125_000n, 'PLN')}, valid ${year}-01-01 to ${year}-06-30 (approval ${first.data.approvalId!}).`,
    );
    expect(entry.after).toMatchObject({ budgetMinor: '125000', currency: 'PLN', cardholderId: first.data.cardholderId! });
    const card = await db.card.findUniqueOrThrow({ where: { id: first.data.cardId! }, include: { cardholder: true } });
    expect(card).toMatchObject({ description: 'Integration test', cardholder: { email, firstName: 'Ada' } });
  });

  it('an assignment Sparados applied but never confirmed is reported as being confirmed, and the same form then returns the card', async () => {
    const values = form();
    const email = (values.cardholder as { email: string }).email;
    // The create is applied and its answer lost; every read fails too, so the client cannot check.
    await suite.sandbox.control.addFault({ match: { method: 'POST', path: '^/secure/approvals$' }, mode: 'status', status: 500, phase: 'after' });
    await suite.sandbox.control.addFault({ match: { method: 'GET', path: '^/secure/approvals' }, mode: 'status', status: 503 });
    let unconfirmed;
    try {
      unconfirmed = await runAction(assignCardAction.definition, values, runtime(assigner));
    } finally {
      await suite.sandbox.control.clearFaults();
    }
    expect(unconfirmed).toMatchObject({ ok: false, code: 'OUTCOME_PENDING' });
    expect(unconfirmed.ok ? '' : unconfirmed.message).not.toMatch(/not assigned|nothing was changed/i);
    expect(await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey } })).toMatchObject({ status: 'SENT' });

    await reconcileLater();
    const again = await runAction(assignCardAction.definition, values, runtime(assigner));
    expect(again).toMatchObject({ ok: true, data: { replayed: true } });
    const upstream = await approvalsFor(email);
    expect(upstream).toHaveLength(1);
    expect(again.ok && again.data.approvalId!).toBe(upstream[0]!.id);
  });

  it('reports field errors from the server, and refuses a VIEWER', async () => {
    const bad = await runAction(assignCardAction.definition, form({ budget: '12.345', cardAliasId: 'not-an-account' }), runtime(assigner));
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { budget: ['Budget: use at most 2 decimal places'] } });
    const unknownAccount = await runAction(assignCardAction.definition, form({ cardAliasId: 'not-an-account' }), runtime(assigner));
    expect(unknownAccount).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { cardAliasId: ['Choose one of the company’s accounts'] } });
    const values = form();
    expect(await runAction(assignCardAction.definition, values, runtime(viewer))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await approvalsFor((values.cardholder as { email: string }).email)).toHaveLength(0);
  });

  it('assigns to an existing cardholder', async () => {
    const first = await runAction(assignCardAction.definition, form(), runtime(assigner));
    if (!first.ok) throw new Error(first.message);
    const again = await runAction(assignCardAction.definition, form({ cardholder: { kind: 'existing', cardholderId: first.data.cardholderId! }, budget: '99' }), runtime(assigner));
    if (!again.ok) throw new Error(again.message);
    expect(again.data.cardholderId!).toBe(first.data.cardholderId!);
    expect(again.data.cardId!).not.toBe(first.data.cardId!);
    expect(await db.card.count({ where: { cardholderId: first.data.cardholderId! } })).toBe(2);
  });

  it('Full API: creates the Sparados user once, then the card arrives by itself', async () => {
    const values = form();
    const contact = values.cardholder as { email: string; phonePrefix: string; phoneNumber: string };
    values.cardholder = { ...contact, kind: 'new', fullApi: true, firstName: 'Fulla', lastName: 'Api', birthDate: '1990-04-02', nationality: 'PL' };
    const [a, b] = await Promise.all([runAction(assignCardAction.definition, values, runtime(assigner)), runAction(assignCardAction.definition, values, runtime(assigner))]);
    if (!a.ok || !b.ok) throw new Error(`assign failed: ${JSON.stringify([a, b])}`);
    expect(a.data).toMatchObject({ fullApi: true, approvalId: b.data.approvalId });
    const holder = await db.cardholder.findUniqueOrThrow({ where: { id: a.data.cardholderId! } });
    expect(holder.sparadosUserId).toMatch(/^\d+$/);
    expect(await getSparadosClient().getUser(holder.sparadosUserId!)).toMatchObject({ email: contact.email, firstName: 'Fulla', dateOfBirth: '1990-04-02' });

    // What the page does: poll every 0.5 s until DELIVERED with a card id (the sandbox takes 0.3–3 s).
    const deadline = Date.now() + 15_000;
    let progress;
    for (;;) {
      progress = await runAction(pollAssignedCard.definition, { approvalId: a.data.approvalId! }, runtime(assigner));
      if (!progress.ok) throw new Error(progress.message);
      if (progress.data.delivered || Date.now() > deadline) break;
      await sleep(500);
    }
    expect(progress.data).toMatchObject({ status: 'DELIVERED', delivered: true, cardId: expect.any(String) });
    expect(await db.card.findUniqueOrThrow({ where: { id: a.data.cardId! } })).toMatchObject({ status: 'DELIVERED', sparadosCardId: progress.data.cardId });
  });

  it('an existing Sparados user id links the cardholder; an unknown one is a field error', async () => {
    const user = await getSparadosClient().createUser({ email: `su-${randomUUID().slice(0, 6)}@int.test`, phoneNumber: '48600111222', firstName: 'Sam', lastName: 'User', dateOfBirth: '1985-01-01', nationality: 'DE' });
    const linked = await runAction(assignCardAction.definition, form({ cardholder: { kind: 'sparadosUser', sparadosUserId: user.id } }), runtime(assigner));
    if (!linked.ok) throw new Error(linked.message);
    expect(await db.cardholder.findUniqueOrThrow({ where: { id: linked.data.cardholderId! } })).toMatchObject({ sparadosUserId: user.id, firstName: 'Sam' });
    const unknown = await runAction(assignCardAction.definition, form({ cardholder: { kind: 'sparadosUser', sparadosUserId: '999999999' } }), runtime(assigner));
    expect(unknown).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { 'cardholder.sparadosUserId': ['Sparados has no user with this id'] } });
  });
});
