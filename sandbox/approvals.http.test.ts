// The Cards API over real mTLS: create/get/list, validation, every status × action, reapprovals, budgets, idempotency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredApproval, simpleApprovalBody, startTestSandbox, type TestSandbox } from './testing/harness';

let sandbox: TestSandbox;
const REAPPROVAL_EXPIRY_MS = 60_000;

beforeAll(async () => {
  sandbox = await startTestSandbox({ reapprovalExpiryMs: REAPPROVAL_EXPIRY_MS });
});
afterAll(async () => {
  await sandbox?.stop();
});

const body = (overrides?: Parameters<typeof simpleApprovalBody>[1]) => simpleApprovalBody(sandbox.cardAliasId, overrides);

async function create(overrides?: Parameters<typeof simpleApprovalBody>[1]) {
  const res = await sandbox.call('POST', '/secure/approvals', body(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('create, get, list', () => {
  it('creates an ACCEPTED approval that mirrors the request', async () => {
    const created = await create();
    expect(created).toMatchObject({
      status: 'ACCEPTED',
      cardId: null,
      cardStatus: 'ACTIVE',
      parentId: null,
      origin: 'CORPORATION',
      balance: { id: sandbox.cardAliasId },
      user: { email: 'anna.nowak@example.com', prefix: '48', phone: '600100200' },
      rules: { budgetMinor: 100_000, spentMinor: 0, availableBudgetMinor: 100_000, purpose: { ecommerce: true, allowChangeRequest: true } },
      card: { description: 'Travel', visual: null },
      tags: ['team-a'],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    // Seed 001: "The API returns approvalId"; the sandbox adds the approval's fields beside it.
    expect(created.approvalId).toBe(created.id);
    const got = await sandbox.call('GET', `/secure/approvals/${created.id}`);
    expect(got.status).toBe(200);
    const { approvalId: _approvalId, ...approval } = created;
    expect(got.body).toEqual(approval);
  });

  it('answers the create with { approvalId } only when told to (SANDBOX_CREATE_REPLY=id-only)', async () => {
    const minimal = await startTestSandbox({ createReply: 'id-only' });
    try {
      const res = await minimal.call('POST', '/secure/approvals', simpleApprovalBody(minimal.cardAliasId));
      expect(res.status).toBe(201);
      expect(Object.keys(res.body)).toEqual(['approvalId']);
      expect((await minimal.call('GET', `/secure/approvals/${res.body.approvalId}`)).body).toMatchObject({ id: res.body.approvalId, status: 'ACCEPTED' });
    } finally {
      await minimal.stop();
    }
  });

  it('lists approvals newest first in Spring-style pages, filtered by status', async () => {
    const a = await create();
    const b = await create();
    await sandbox.call('PUT', `/secure/approvals/${a.id}/cancel`);
    const page = await sandbox.call('GET', '/secure/approvals?status=ACCEPTED&page=0&size=1');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 0, size: 1 });
    expect(page.body.content).toHaveLength(1);
    expect(page.body.content[0].id).toBe(b.id);
    expect(page.body.totalPages).toBe(page.body.totalElements);
    const canceled = await sandbox.call('GET', '/secure/approvals?status=CANCELED,REJECTED&size=100');
    expect(canceled.body.content.map((x: { id: string }) => x.id)).toContain(a.id);
    expect(canceled.body.content.every((x: { status: string }) => x.status === 'CANCELED' || x.status === 'REJECTED')).toBe(true);
    const bad = await sandbox.call('GET', '/secure/approvals?status=NOPE&size=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['size', 'status']);
  });

  it('answers 404 with the §8 error body for an unknown id', async () => {
    const res = await sandbox.call('GET', '/secure/approvals/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, error: 'Not Found', code: 'NOT_FOUND', path: '/secure/approvals/00000000-0000-4000-8000-000000000000', errors: [] });
    expect(typeof res.body.message).toBe('string');
    expect(Number.isNaN(Date.parse(res.body.timestamp))).toBe(false);
    const action = await sandbox.call('PUT', '/secure/approvals/00000000-0000-4000-8000-000000000000/lock');
    expect(action.status).toBe(404);
  });
});

describe('validation → 400 naming each bad field', () => {
  const fields = async (payload: unknown) => {
    const res = await sandbox.call('POST', '/secure/approvals', payload);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    return (res.body.errors as Array<{ field: string; message: string }>).map((e) => e.field).sort();
  };

  it('names types, required fields, enums, integer amounts, dates, zone, MCC codes, Card Alias ID', async () => {
    const payload = body({
      balance: { id: 'not-an-alias' },
      user: { email: 'nope', prefix: '+48', phone: 600100200 },
      rules: {
        budgetMinor: 100.5,
        validityPeriod: { startDate: '2030-01-02T00:00:00Z', endDate: 'tomorrow', timezone: 'Mars/Olympus' },
        limits: [
          { type: 'weekly', amountMinor: 100, timeUnit: 'daily' },
          { type: 'general', amountMinor: '100', timeUnit: 'hourly' },
          { type: 'mcc_whitelist', mccList: ['581', 'abcd'] },
        ],
        purpose: { ecommerce: true },
      },
      card: { visual: { id: 'unknown-visual' } },
    });
    expect(await fields(payload)).toEqual(
      [
        'balance.id',
        'card.visual.id',
        'rules.budgetMinor',
        'rules.limits[0].type',
        'rules.limits[1].amountMinor',
        'rules.limits[1].timeUnit',
        'rules.limits[2].amountMinor',
        'rules.limits[2].mccList[0]',
        'rules.limits[2].mccList[1]',
        'rules.limits[2].timeUnit',
        'rules.validityPeriod.endDate',
        'rules.validityPeriod.timezone',
        'user.email',
        'user.phone',
        'user.prefix',
      ].sort(),
    );
  });

  it('requires the Simple API contact details without user.id, and knows a balanceId is not a Card Alias ID', async () => {
    const res = await sandbox.call('POST', '/secure/approvals', body({ user: { firstName: 'X' }, balance: { id: sandbox.balanceId } }));
    expect(res.status).toBe(400);
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(Object.keys(byField).sort()).toEqual(['balance.id', 'user.email', 'user.phone', 'user.prefix']);
    expect(byField['balance.id']).toMatch(/balanceId/);
  });

  it('wants the end after the start, the end in the future, and a body at all', async () => {
    expect(await fields(body({ rules: { validityPeriod: { startDate: '2031-01-02T00:00:00Z', endDate: '2031-01-01T00:00:00Z', timezone: 'UTC' } } }))).toEqual(['rules.validityPeriod.endDate']);
    expect(await fields(body({ rules: { validityPeriod: { startDate: '2001-01-01T00:00:00Z', endDate: '2001-02-01T00:00:00Z', timezone: 'UTC' } } }))).toEqual(['rules.validityPeriod.endDate']);
    expect(await fields(body({ rules: { purpose: { ecommerce: false } } }))).toEqual(['rules.purpose.ecommerce']);
    expect(await fields(body({ rules: { limits: [{ type: 'atm', amountMinor: 500 }] } }))).toEqual(['rules.limits[0].timeUnit']);
    expect(await fields('[1,2')).toEqual(['body']);
    expect(await fields(undefined)).toEqual(['body']);
    expect(await fields({})).toEqual(['balance', 'rules', 'user']);
  });

  it('accepts 0 and null limits, MCC rules, and a known visual', async () => {
    const created = await create({
      rules: {
        limits: [
          { type: 'atm', amountMinor: 0, timeUnit: 'monthly' },
          { type: 'ecommerce', amountMinor: null, timeUnit: null },
          { type: 'general', amountMinor: 50_000, timeUnit: 'monthly' },
          { type: 'mcc_blacklist', amountMinor: 0, timeUnit: 'monthly', mccList: ['7995'] },
        ],
      },
      card: { description: null, visual: { id: sandbox.corporation.visuals[0].id } },
    });
    expect(created.rules.limits).toEqual([
      { type: 'atm', amountMinor: 0, timeUnit: 'monthly' },
      { type: 'ecommerce', amountMinor: null, timeUnit: null },
      { type: 'general', amountMinor: 50_000, timeUnit: 'monthly' },
      { type: 'mcc_blacklist', amountMinor: 0, timeUnit: 'monthly', mccList: ['7995'] },
    ]);
    expect(created.card.visual).toEqual({ id: sandbox.corporation.visuals[0].id });
  });

  it('wants type, amountMinor and timeUnit on every limit object, MCC rules included, and no 0 on the general limit (seed 001)', async () => {
    const res = await sandbox.call('POST', '/secure/approvals', body({
      rules: {
        limits: [
          { amountMinor: 100, timeUnit: 'daily' },
          { type: 'atm', timeUnit: 'daily' },
          { type: 'ecommerce', amountMinor: 0 },
          { type: 'mcc_whitelist', mccList: ['5812'] },
          { type: 'general', amountMinor: 0, timeUnit: 'monthly' },
        ],
      },
    }));
    expect(res.status).toBe(400);
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(Object.keys(byField).sort()).toEqual([
      'rules.limits[0].type',
      'rules.limits[1].amountMinor',
      'rules.limits[2].timeUnit',
      'rules.limits[3].amountMinor',
      'rules.limits[3].timeUnit',
      'rules.limits[4].amountMinor',
    ]);
    expect(byField['rules.limits[3].timeUnit']).toMatch(/required on every limit object/);
    expect(byField['rules.limits[4].amountMinor']).toMatch(/never 0/);
  });
});

type State = 'CREATED' | 'ACCEPTED' | 'PREPARED' | 'DELIVERED' | 'LOCKED' | 'REAPPROVED' | 'CANCELED' | 'REJECTED' | 'EXPIRED' | 'FINISHED';

/** Brings a fresh approval into `state` through the public and control APIs only. */
async function approvalIn(state: State): Promise<{ id: string }> {
  switch (state) {
    case 'ACCEPTED':
      return create();
    case 'PREPARED': {
      const a = await create({ rules: { validityPeriod: { startDate: new Date(Date.now() + 86_400_000).toISOString(), endDate: new Date(Date.now() + 5 * 86_400_000).toISOString(), timezone: 'Europe/Warsaw' } } });
      const r = await sandbox.call('POST', `/_sandbox/approvals/${a.id}/redeem`);
      expect(r.body.status).toBe('PREPARED');
      return a;
    }
    case 'DELIVERED':
      return deliveredApproval(sandbox);
    case 'LOCKED': {
      const a = await deliveredApproval(sandbox);
      expect((await sandbox.call('PUT', `/secure/approvals/${a.id}/lock`)).body.cardStatus).toBe('LOCKED');
      return a;
    }
    case 'CREATED': {
      const a = await deliveredApproval(sandbox);
      const r = await sandbox.call('POST', `/_sandbox/approvals/${a.id}/change-request`, { budgetMinor: 200_000 });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    }
    case 'REAPPROVED': {
      const a = await deliveredApproval(sandbox);
      expect((await sandbox.call('PUT', `/secure/approvals/${a.id}`, { rules: body().rules })).status).toBe(200);
      return a;
    }
    case 'CANCELED': {
      const a = await create();
      await sandbox.call('PUT', `/secure/approvals/${a.id}/cancel`);
      return a;
    }
    case 'REJECTED': {
      const r = await approvalIn('CREATED');
      await sandbox.call('PUT', `/secure/approvals/${r.id}/reject`);
      return r;
    }
    case 'EXPIRED': {
      const r = await approvalIn('CREATED');
      await sandbox.call('POST', '/_sandbox/clock', { advanceMs: REAPPROVAL_EXPIRY_MS + 1 });
      return r;
    }
    case 'FINISHED': {
      const a = await deliveredApproval(sandbox);
      await sandbox.call('PUT', `/secure/approvals/${a.id}/unassign`);
      return a;
    }
  }
}

const ACTIONS = ['accept', 'reject', 'edit', 'cancel', 'lock', 'unlock', 'unassign', 'increase_budget'] as const;

// From the seeds: which action succeeds in which state, and what it leads to.
const OUTCOME: Record<State, Partial<Record<(typeof ACTIONS)[number], { status: string; cardStatus?: string; sameId?: boolean }>>> = {
  CREATED: { accept: { status: 'DELIVERED', sameId: true }, reject: { status: 'REJECTED' }, edit: { status: 'CREATED', sameId: true }, cancel: { status: 'CANCELED' } },
  ACCEPTED: { cancel: { status: 'CANCELED' } },
  PREPARED: { cancel: { status: 'CANCELED' } },
  DELIVERED: {
    lock: { status: 'DELIVERED', cardStatus: 'LOCKED' },
    unassign: { status: 'FINISHED' },
    edit: { status: 'DELIVERED', sameId: false },
    increase_budget: { status: 'DELIVERED' },
  },
  LOCKED: { unlock: { status: 'DELIVERED', cardStatus: 'ACTIVE' } },
  REAPPROVED: {},
  CANCELED: {},
  REJECTED: {},
  EXPIRED: {},
  FINISHED: {},
};

function callAction(id: string, action: (typeof ACTIONS)[number]) {
  if (action === 'edit') return sandbox.call('PUT', `/secure/approvals/${id}`, { rules: body({ rules: { budgetMinor: 150_000 } }).rules });
  return sandbox.call('PUT', `/secure/approvals/${id}/${action}`, action === 'increase_budget' ? { additionalBudgetMinor: 1_000 } : undefined);
}

describe('every status × action', () => {
  for (const state of Object.keys(OUTCOME) as State[]) {
    it(`${state}: allowed actions succeed, every other one is 409`, async () => {
      for (const action of ACTIONS) {
        const approval = await approvalIn(state);
        const before = (await sandbox.call('GET', `/secure/approvals/${approval.id}`)).body;
        const res = await callAction(approval.id, action);
        const expected = OUTCOME[state][action];
        if (!expected) {
          expect(res.status, `${state} × ${action}`).toBe(409);
          expect(res.body).toMatchObject({ status: 409, code: 'ACTION_NOT_ALLOWED', errors: [] });
          const after = (await sandbox.call('GET', `/secure/approvals/${approval.id}`)).body;
          expect(after, `${state} × ${action} must not change anything`).toEqual(before);
          continue;
        }
        expect(res.status, `${state} × ${action}: ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.status).toBe(expected.status);
        if (expected.cardStatus) expect(res.body.cardStatus).toBe(expected.cardStatus);
        if (expected.sameId !== undefined) expect(res.body.id === approval.id).toBe(expected.sameId);
        if (action === 'increase_budget') expect(res.body.rules.budgetMinor).toBe(before.rules.budgetMinor + 1_000);
      }
    });
  }
});

describe('reapproval chain', () => {
  it('accepting a user change request: new id DELIVERED with the card, the original REAPPROVED', async () => {
    const original = await deliveredApproval(sandbox);
    const request = await sandbox.call('POST', `/_sandbox/approvals/${original.id}/change-request`, { budgetMinor: 250_000, endDate: new Date(Date.now() + 60 * 86_400_000).toISOString() });
    expect(request.body).toMatchObject({ status: 'CREATED', parentId: original.id, origin: 'USER', cardId: original.cardId, rules: { budgetMinor: 250_000 } });
    const second = await sandbox.call('POST', `/_sandbox/approvals/${original.id}/change-request`, { budgetMinor: 1 });
    expect(second.status).toBe(409);
    const accepted = await sandbox.call('PUT', `/secure/approvals/${request.body.id}/accept`);
    expect(accepted.body).toMatchObject({ id: request.body.id, status: 'DELIVERED', cardId: original.cardId, parentId: original.id });
    const old = await sandbox.call('GET', `/secure/approvals/${original.id}`);
    expect(old.body.status).toBe('REAPPROVED');
    // The card now answers to the new id: lock works there, not on the old one.
    expect((await sandbox.call('PUT', `/secure/approvals/${original.id}/lock`)).status).toBe(409);
    expect((await sandbox.call('PUT', `/secure/approvals/${request.body.id}/lock`)).body.cardStatus).toBe('LOCKED');
  });

  it('refuses change requests when allowChangeRequest is false, or when not DELIVERED', async () => {
    const a = await deliveredApproval(sandbox, { rules: { purpose: { ecommerce: true, allowChangeRequest: false } } });
    expect((await sandbox.call('POST', `/_sandbox/approvals/${a.id}/change-request`, { budgetMinor: 1 })).status).toBe(409);
    const b = await create();
    expect((await sandbox.call('POST', `/_sandbox/approvals/${b.id}/change-request`, { budgetMinor: 1 })).status).toBe(409);
  });

  it('an edit of a DELIVERED approval is a reapproval accepted at once; a waiting user request lapses', async () => {
    const original = await deliveredApproval(sandbox);
    const waiting = await sandbox.call('POST', `/_sandbox/approvals/${original.id}/change-request`, { budgetMinor: 300_000 });
    const edited = await sandbox.call('PUT', `/secure/approvals/${original.id}`, {
      rules: body({ rules: { budgetMinor: 120_000 } }).rules,
      card: { description: 'Edited' },
      user: { email: 'ignored@example.com' },
      balance: { id: 'ignored' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'DELIVERED', parentId: original.id, cardId: original.cardId, rules: { budgetMinor: 120_000 }, card: { description: 'Edited' } });
    expect(edited.body.id).not.toBe(original.id);
    expect(edited.body.user.email).toBe('anna.nowak@example.com');
    expect((await sandbox.call('GET', `/secure/approvals/${original.id}`)).body.status).toBe('REAPPROVED');
    expect((await sandbox.call('GET', `/secure/approvals/${waiting.body.id}`)).body.status).toBe('EXPIRED');
  });

  it('an edit of a CREATED reapproval changes it in place; validation applies to edits too', async () => {
    const r = await approvalIn('CREATED');
    const edited = await sandbox.call('PUT', `/secure/approvals/${r.id}`, { rules: body({ rules: { budgetMinor: 7_777 } }).rules, tags: ['x'] });
    expect(edited.body).toMatchObject({ id: r.id, status: 'CREATED', rules: { budgetMinor: 7_777 }, tags: ['x'] });
    const bad = await sandbox.call('PUT', `/secure/approvals/${r.id}`, { rules: { budgetMinor: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('rules.budgetMinor');
  });
});

describe('budget', () => {
  it('increase_budget adds and subtracts; below what is spent is 422; non-integers are 400', async () => {
    const a = await deliveredApproval(sandbox, { rules: { budgetMinor: 10_000 } });
    const spend = await sandbox.call('POST', '/_sandbox/transactions', { cardId: a.cardId, amountMinor: 6_000, merchantName: 'Shop', mcc: '5411', channel: 'POS' });
    expect(spend.body.status).toBe('AUTHORIZED');
    const up = await sandbox.call('PUT', `/secure/approvals/${a.id}/increase_budget`, { additionalBudgetMinor: 1_000 });
    expect(up.body.rules).toMatchObject({ budgetMinor: 11_000, spentMinor: 6_000, availableBudgetMinor: 5_000 });
    const down = await sandbox.call('PUT', `/secure/approvals/${a.id}/increase_budget`, { additionalBudgetMinor: -5_000 });
    expect(down.body.rules).toMatchObject({ budgetMinor: 6_000, availableBudgetMinor: 0 });
    const tooFar = await sandbox.call('PUT', `/secure/approvals/${a.id}/increase_budget`, { additionalBudgetMinor: -1 });
    expect(tooFar.status).toBe(422);
    expect(tooFar.body).toMatchObject({ status: 422, code: 'BUDGET_BELOW_SPENT' });
    for (const bad of [{ additionalBudgetMinor: 10.5 }, { additionalBudgetMinor: '100' }, {}]) {
      const res = await sandbox.call('PUT', `/secure/approvals/${a.id}/increase_budget`, bad);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('additionalBudgetMinor');
    }
    const edit = await sandbox.call('PUT', `/secure/approvals/${a.id}`, { rules: body({ rules: { budgetMinor: 5_999 } }).rules });
    expect(edit.status).toBe(422);
  });
});

describe('X-Idempotency-Key', () => {
  it('replays the first response for the same key and body, 409 for another body', async () => {
    const key = `create-${Math.random()}`;
    const payload = body();
    const first = await sandbox.call('POST', '/secure/approvals', payload, { 'x-idempotency-key': key });
    expect(first.status).toBe(201);
    // Same content, other key order: still the same request.
    const { user, ...others } = payload;
    const reordered = { ...others, user };
    expect(Object.keys(reordered)).not.toEqual(Object.keys(payload));
    const again = await sandbox.call('POST', '/secure/approvals', reordered, { 'x-idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const list = await sandbox.call('GET', '/secure/approvals?size=1000');
    expect(list.body.content.filter((x: { id: string }) => x.id === first.body.id)).toHaveLength(1);
    const other = await sandbox.call('POST', '/secure/approvals', body({ tags: ['other'] }), { 'x-idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('replays PUT actions too, including their errors', async () => {
    const a = await deliveredApproval(sandbox);
    const key = `lock-${Math.random()}`;
    const first = await sandbox.call('PUT', `/secure/approvals/${a.id}/lock`, undefined, { 'x-idempotency-key': key });
    expect(first.status).toBe(200);
    const replay = await sandbox.call('PUT', `/secure/approvals/${a.id}/lock`, undefined, { 'x-idempotency-key': key });
    expect(replay.status).toBe(200);
    const fresh = await sandbox.call('PUT', `/secure/approvals/${a.id}/lock`);
    expect(fresh.status).toBe(409);
    const emails = (await sandbox.call('GET', '/_sandbox/emails')).body.filter((e: { approvalId: string; template: string }) => e.approvalId === a.id && e.template === 'BC_USER_CARD_LOCKED');
    expect(emails).toHaveLength(1);
  });
});
