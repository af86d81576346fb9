import { describe, expect, it } from 'vitest';
import { toBalanceCurrency } from '../fx';
import { authorize } from './authorize';
import { AUTHORIZATION_CHECKS, failingChecks } from './checks';
import { limit, passingContext, request } from './fixtures';
import type { AuthorizationContext, AuthorizationRequest, DeclineReason } from './types';

/** The decided order (docs/decisions/030-sandbox-authorization-order.md), by check name. */
const ORDER: Array<[name: string, reason: DeclineReason]> = [
  ['approval delivered', 'APPROVAL_NOT_ACTIVE'],
  ['inside validity period', 'OUTSIDE_VALIDITY'],
  ['card not locked', 'CARD_LOCKED'],
  ['merchant category not blacklisted', 'MCC_BLOCKED'],
  ['merchant category whitelisted', 'MCC_NOT_ALLOWED'],
  ['general spending enabled', 'GENERAL_LIMIT'],
  ['ecommerce spending enabled', 'ECOMMERCE_LIMIT'],
  ['atm spending enabled', 'ATM_LIMIT'],
  ['foreign_amount spending enabled', 'FOREIGN_LIMIT'],
  ['within budget', 'INSUFFICIENT_BUDGET'],
  ['within general limits', 'GENERAL_LIMIT'],
  ['within ecommerce limits', 'ECOMMERCE_LIMIT'],
  ['within atm limits', 'ATM_LIMIT'],
  ['within foreign_amount limits', 'FOREIGN_LIMIT'],
  ['within account balance', 'INSUFFICIENT_BALANCE'],
];

interface Draft {
  ctx: AuthorizationContext;
  req: AuthorizationRequest;
}

/**
 * How to make exactly one check fail. `shape` changes the situation; `tighten` then sets
 * amounts relative to the request's final amount in the balance currency (a foreign breaker
 * changes it). `touches` names what two breakers cannot both set.
 */
interface Breaker {
  touches: string[];
  shape?: (draft: Draft) => void;
  tighten?: (draft: Draft, amount: number) => void;
}

const BREAKERS: Record<string, Breaker> = {
  'approval delivered': { touches: [], shape: (d) => void (d.ctx.approvalStatus = 'FINISHED') },
  'inside validity period': { touches: [], shape: (d) => void (d.ctx.endDate = d.req.at) },
  'card not locked': { touches: [], shape: (d) => void (d.ctx.cardLocked = true) },
  'merchant category not blacklisted': {
    touches: [],
    shape: (d) => void d.ctx.limits.push(limit('mcc_blacklist', null, null, [d.req.mcc])),
  },
  'merchant category whitelisted': {
    touches: [],
    shape: (d) => void d.ctx.limits.push(limit('mcc_whitelist', null, null, ['0000'])),
  },
  'general spending enabled': { touches: ['general'], shape: (d) => void d.ctx.limits.push(limit('general', 0)) },
  'ecommerce spending enabled': {
    touches: ['channel', 'ecommerce'],
    shape: (d) => {
      d.req.channel = 'ECOMMERCE';
      d.ctx.limits.push(limit('ecommerce', 0));
    },
  },
  'atm spending enabled': {
    touches: ['channel', 'atm'],
    shape: (d) => {
      d.req.channel = 'ATM';
      d.ctx.limits.push(limit('atm', 0));
    },
  },
  'foreign_amount spending enabled': {
    touches: ['foreign_amount'],
    shape: (d) => {
      d.req.currency = 'EUR';
      d.ctx.limits.push(limit('foreign_amount', 0));
    },
  },
  'within budget': { touches: ['budget'], tighten: (d, amount) => void (d.ctx.budgetMinor = amount - 1) },
  'within general limits': {
    touches: ['general'],
    tighten: (d, amount) => void d.ctx.limits.push(limit('general', amount - 1)),
  },
  'within ecommerce limits': {
    touches: ['channel', 'ecommerce'],
    shape: (d) => void (d.req.channel = 'ECOMMERCE'),
    tighten: (d, amount) => void d.ctx.limits.push(limit('ecommerce', amount - 1, 'weekly')),
  },
  'within atm limits': {
    touches: ['channel', 'atm'],
    shape: (d) => void (d.req.channel = 'ATM'),
    tighten: (d, amount) => void d.ctx.limits.push(limit('atm', amount - 1, 'monthly')),
  },
  'within foreign_amount limits': {
    touches: ['foreign_amount'],
    shape: (d) => void (d.req.currency = 'EUR'),
    tighten: (d, amount) => void d.ctx.limits.push(limit('foreign_amount', amount - 1)),
  },
  'within account balance': {
    touches: ['balance'],
    tighten: (d, amount) => void (d.ctx.balanceAvailableMinor = amount - 1),
  },
};

function broken(...names: string[]): Draft {
  const draft: Draft = { ctx: passingContext(), req: request() };
  for (const name of names) BREAKERS[name].shape?.(draft);
  const amount = toBalanceCurrency(draft.req.amountMinor, draft.req.currency, draft.ctx.balanceCurrency);
  for (const name of names) BREAKERS[name].tighten?.(draft, amount);
  return draft;
}

function compatible(a: string, b: string): boolean {
  return !BREAKERS[a].touches.some((what) => BREAKERS[b].touches.includes(what));
}

function firstReason({ ctx, req }: Draft) {
  const result = authorize(ctx, req);
  return result.approved ? 'APPROVED' : result.reason;
}

describe('authorization checks: order of precedence', () => {
  it('runs the checks in the decided order', () => {
    expect(AUTHORIZATION_CHECKS.map((check) => [check.name, check.reason])).toEqual(ORDER);
  });

  it('has one breaker per check', () => {
    expect(Object.keys(BREAKERS).sort()).toEqual(ORDER.map(([name]) => name).sort());
  });

  it.each(ORDER)('breaking "%s" alone fails only that check and declines with %s', (name, reason) => {
    const draft = broken(name);
    const input = {
      ...draft,
      amountInBalanceMinor: authorize(draft.ctx, draft.req).amountInBalanceMinor,
      foreign: draft.req.currency !== draft.ctx.balanceCurrency,
    };
    expect(failingChecks(input).map((check) => check.name)).toEqual([name]);
    expect(firstReason(draft)).toBe(reason);
  });

  const pairs = ORDER.flatMap(([earlier, reason], i) =>
    ORDER.slice(i + 1)
      .filter(([later]) => compatible(earlier, later))
      .map(([later]) => [earlier, later, reason] as const),
  );

  it('covers most pairs (only pairs needing two channels or one limit set twice are left out)', () => {
    expect(pairs.length).toBeGreaterThan(90);
  });

  it.each(pairs)('"%s" wins over "%s" (%s)', (earlier, later, reason) => {
    const draft = broken(earlier, later);
    const input = {
      ...draft,
      amountInBalanceMinor: authorize(draft.ctx, draft.req).amountInBalanceMinor,
      foreign: draft.req.currency !== draft.ctx.balanceCurrency,
    };
    expect(failingChecks(input).map((check) => check.name)).toEqual([earlier, later]);
    expect(firstReason(draft)).toBe(reason);
  });

  it('walks down the list as failures are fixed one by one, from everything failing to approved', () => {
    const together = ORDER.map(([name]) => name).reduce<string[]>(
      (chosen, name) => (chosen.every((other) => compatible(other, name)) ? [...chosen, name] : chosen),
      [],
    );
    expect(together.length).toBeGreaterThanOrEqual(10);
    const reasons = together.map((_, fixed) => firstReason(broken(...together.slice(fixed))));
    expect(reasons).toEqual(together.map((name) => ORDER.find(([check]) => check === name)?.[1]));
    expect(firstReason(broken())).toBe('APPROVED');
  });
});
