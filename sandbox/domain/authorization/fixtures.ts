// Test builders (not used by the engine): a context and a request that pass every rule, so a
// test changes only what it is about.
import type { AuthorizationContext, AuthorizationRequest, LimitRule, SpendRecord } from './types';

export const WARSAW = 'Europe/Warsaw';

export function passingContext(overrides: Partial<AuthorizationContext> = {}): AuthorizationContext {
  return {
    approvalStatus: 'DELIVERED',
    cardLocked: false,
    startDate: new Date('2025-01-01T00:00:00Z'),
    endDate: new Date('2026-01-01T00:00:00Z'),
    timezone: WARSAW,
    budgetMinor: 10_000_000,
    spentMinor: 0,
    limits: [],
    balanceCurrency: 'PLN',
    balanceAvailableMinor: 100_000_000,
    history: [],
    ...overrides,
  };
}

/** A 100.00 PLN card-present payment at a restaurant on Wednesday 11 June 2025, 12:00 in Warsaw. */
export function request(overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return {
    amountMinor: 10_000,
    currency: 'PLN',
    mcc: '5812',
    channel: 'POS',
    at: new Date('2025-06-11T10:00:00Z'),
    ...overrides,
  };
}

export function limit(
  type: LimitRule['type'],
  amountMinor: number | null,
  timeUnit: LimitRule['timeUnit'] = 'daily',
  mccList?: string[],
): LimitRule {
  return mccList ? { type, amountMinor, timeUnit, mccList } : { type, amountMinor, timeUnit };
}

export function spend(at: string, amountMinor: number, overrides: Partial<SpendRecord> = {}): SpendRecord {
  return { at: new Date(at), amountMinor, channel: 'POS', foreign: false, ...overrides };
}
