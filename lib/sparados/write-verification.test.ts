import { describe, expect, it } from 'vitest';
import type { Approval } from './domain/approval';
import type { CreateApprovalInput } from './schemas/approvals';
import {
  ACTION_EFFECTS,
  actionOutcome,
  budgetOutcome,
  createOutcome,
  matchesCreateRequest,
  matchesRequest,
  type ApprovalAction,
} from './write-verification';

function approval(overrides: Partial<Approval> = {}): Approval {
  return {
    id: 'a1',
    status: 'DELIVERED',
    rawStatus: 'DELIVERED',
    cardId: '1',
    cardStatus: 'ACTIVE',
    parentId: null,
    origin: 'CORPORATION',
    user: { id: null, email: 'anna@example.com', prefix: '48', phone: '600100200', firstName: null, lastName: null, birthDate: null, nationality: null },
    cardAliasId: 'alias-1',
    budgetMinor: 10_000,
    spentMinor: 0,
    availableBudgetMinor: 10_000,
    validity: { startDate: new Date('2026-01-01T00:00:00Z'), endDate: new Date('2026-02-01T00:00:00Z'), timezone: 'Europe/Warsaw' },
    limits: [{ type: 'atm', rawType: 'atm', amountMinor: 0, timeUnit: 'daily', mccList: [] }],
    ecommerce: true,
    allowChangeRequest: true,
    card: { description: 'Travel', visualId: null },
    tags: [],
    createdAt: new Date('2026-01-01T10:00:00Z'),
    updatedAt: null,
    extra: {},
    ...overrides,
  };
}

const request: CreateApprovalInput = {
  balance: { id: 'alias-1' },
  user: { email: 'Anna@example.com', prefix: '48', phone: '600100200' },
  rules: {
    budgetMinor: 10_000,
    // Same instants as the approval, written with an offset: matching compares instants, not text.
    validityPeriod: { startDate: '2026-01-01T01:00:00+01:00', endDate: '2026-02-01T00:00:00.000Z', timezone: 'Europe/Warsaw' },
    limits: [{ type: 'atm', amountMinor: 0, timeUnit: 'daily' }],
    purpose: { ecommerce: true, allowChangeRequest: true },
  },
  card: { description: 'Travel', visual: null },
};

describe('actionOutcome', () => {
  const cases: Array<[ApprovalAction, Partial<Approval>, Partial<Approval>, Partial<Approval>]> = [
    // action, done state, pending state, neither
    ['cancelApproval', { status: 'CANCELED' }, { status: 'ACCEPTED' }, { status: 'DELIVERED' }],
    ['unassignApproval', { status: 'FINISHED' }, { status: 'DELIVERED' }, { status: 'CANCELED' }],
    ['acceptReapproval', { status: 'DELIVERED' }, { status: 'CREATED' }, { status: 'EXPIRED' }],
    ['rejectReapproval', { status: 'REJECTED' }, { status: 'CREATED' }, { status: 'EXPIRED' }],
    ['lockCard', { cardStatus: 'LOCKED' }, { cardStatus: 'ACTIVE' }, { status: 'FINISHED', cardStatus: 'ACTIVE' }],
    ['unlockCard', { cardStatus: 'ACTIVE' }, { cardStatus: 'LOCKED' }, { status: 'FINISHED', cardStatus: 'LOCKED' }],
  ];

  it('covers every action', () => {
    expect(cases.map(([a]) => a).sort()).toEqual(Object.keys(ACTION_EFFECTS).sort());
  });

  it.each(cases)('%s: applied in its target state, resend while pending, unknown otherwise', (action, done, pending, other) => {
    const current = approval(done);
    expect(actionOutcome(action, current)).toEqual({ applied: true, result: current });
    expect(actionOutcome(action, approval(pending))).toEqual({ applied: false });
    expect(actionOutcome(action, approval(other)).applied).toBe('unknown');
  });

  it('treats an UNKNOWN status as unknown, never as pending', () => {
    expect(actionOutcome('cancelApproval', approval({ status: 'UNKNOWN', rawStatus: 'FROZEN' })).applied).toBe('unknown');
  });
});

describe('budgetOutcome', () => {
  it('applied when the budget moved by exactly the amount, not applied when unchanged', () => {
    expect(budgetOutcome(10_000, 500, approval({ budgetMinor: 10_500 })).applied).toBe(true);
    expect(budgetOutcome(10_000, -500, approval({ budgetMinor: 9_500 })).applied).toBe(true);
    expect(budgetOutcome(10_000, 500, approval({ budgetMinor: 10_000 }))).toEqual({ applied: false });
  });

  it('unknown when someone else changed the budget too', () => {
    const outcome = budgetOutcome(10_000, 500, approval({ budgetMinor: 11_000 }));
    expect(outcome.applied).toBe('unknown');
  });
});

describe('matchesRequest / matchesCreateRequest', () => {
  const since = new Date('2026-01-01T10:00:00Z');

  it('matches the approval a create request made', () => {
    expect(matchesRequest(approval(), request)).toBe(true);
    expect(matchesCreateRequest(approval(), request, since)).toBe(true);
  });

  it('does not match other rules, another person, another balance, a reapproval or an old approval', () => {
    expect(matchesCreateRequest(approval({ budgetMinor: 9_999 }), request, since)).toBe(false);
    expect(matchesCreateRequest(approval({ limits: [] }), request, since)).toBe(false);
    expect(matchesCreateRequest(approval({ allowChangeRequest: false }), request, since)).toBe(false);
    expect(matchesCreateRequest(approval({ card: { description: 'Other', visualId: null } }), request, since)).toBe(false);
    expect(matchesCreateRequest(approval({ user: { ...approval().user, phone: '600100201' } }), request, since)).toBe(false);
    expect(matchesCreateRequest(approval({ cardAliasId: 'alias-2' }), request, since)).toBe(false);
    expect(matchesCreateRequest(approval({ parentId: 'a0' }), request, since)).toBe(false);
    expect(matchesCreateRequest(approval({ createdAt: new Date('2026-01-01T09:00:00Z') }), request, since)).toBe(false);
  });

  it('matches Full API requests by user id', () => {
    const full = { ...request, user: { id: 456 } };
    expect(matchesCreateRequest(approval({ user: { ...approval().user, id: '456' } }), full, since)).toBe(true);
    expect(matchesCreateRequest(approval({ user: { ...approval().user, id: '457' } }), full, since)).toBe(false);
  });

  it('ignores amount and unit on MCC rules and the order of limits and codes', () => {
    const withMcc = {
      ...request,
      rules: {
        ...request.rules,
        limits: [
          { type: 'mcc_blacklist' as const, amountMinor: 0, timeUnit: 'daily' as const, mccList: ['7995', '5812'] },
          { type: 'atm' as const, amountMinor: 0, timeUnit: 'daily' as const },
        ],
      },
    };
    const current = approval({
      limits: [
        { type: 'atm', rawType: 'atm', amountMinor: 0, timeUnit: 'daily', mccList: [] },
        { type: 'mcc_blacklist', rawType: 'mcc_blacklist', amountMinor: null, timeUnit: null, mccList: ['5812', '7995'] },
      ],
    });
    expect(matchesRequest(current, withMcc)).toBe(true);
  });
});

describe('create verification from a scan', () => {
  it('is applied with exactly one match, whether or not the scan was capped', () => {
    const found = approval();
    expect(createOutcome({ found: [found], complete: true, scanned: 40 })).toEqual({ applied: true, result: found });
    expect(createOutcome({ found: [found], complete: false, scanned: 2_000 })).toEqual({ applied: true, result: found });
  });

  it('is "not applied" only when the scan read every page it covers', () => {
    expect(createOutcome({ found: [], complete: true, scanned: 40 })).toEqual({ applied: false });
    const capped = createOutcome({ found: [], complete: false, scanned: 6_000 });
    expect(capped).toEqual({ applied: 'unknown', reason: expect.stringContaining('6000 newest ACCEPTED/PREPARED/DELIVERED approvals') });
  });

  it('is unknown with several identical matches', () => {
    expect(createOutcome({ found: [approval(), approval({ id: 'a2' })], complete: true, scanned: 2 }).applied).toBe('unknown');
  });
});
