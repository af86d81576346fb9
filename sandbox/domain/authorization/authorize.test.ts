import { describe, expect, it } from 'vitest';
import { UnknownCurrencyError } from '../fx';
import { authorize } from './authorize';
import { limit, passingContext, request, spend } from './fixtures';
import type { AuthorizationContext, AuthorizationRequest, Channel, LimitRule } from './types';

function reasonOf(ctx: AuthorizationContext, req: AuthorizationRequest = request()) {
  const result = authorize(ctx, req);
  return result.approved ? 'APPROVED' : result.reason;
}

describe('authorize: the passing baseline', () => {
  it('approves a same-currency payment and reports its amount in the balance currency', () => {
    expect(authorize(passingContext(), request())).toEqual({
      approved: true,
      amountInBalanceMinor: 10_000,
      foreign: false,
    });
  });
});

describe('authorize: approval status', () => {
  it.each(['ACCEPTED', 'PREPARED', 'CREATED', 'REAPPROVED', 'CANCELED', 'REJECTED', 'EXPIRED', 'FINISHED'])(
    'declines on a %s approval',
    (approvalStatus) => {
      expect(reasonOf(passingContext({ approvalStatus }))).toBe('APPROVAL_NOT_ACTIVE');
    },
  );
});

describe('authorize: validity period [startDate, endDate)', () => {
  const startDate = new Date('2025-06-11T10:00:00Z');
  const endDate = new Date('2025-06-12T10:00:00Z');
  const ctx = passingContext({ startDate, endDate });

  it('approves from the start instant on', () => {
    expect(reasonOf(ctx, request({ at: startDate }))).toBe('APPROVED');
  });

  it('declines just before the start', () => {
    expect(reasonOf(ctx, request({ at: new Date(startDate.getTime() - 1) }))).toBe('OUTSIDE_VALIDITY');
  });

  it('approves just before the end and declines at the end', () => {
    expect(reasonOf(ctx, request({ at: new Date(endDate.getTime() - 1) }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ at: endDate }))).toBe('OUTSIDE_VALIDITY');
  });
});

describe('authorize: card lock', () => {
  it('declines on a locked card', () => {
    expect(reasonOf(passingContext({ cardLocked: true }))).toBe('CARD_LOCKED');
  });
});

describe('authorize: budget', () => {
  it('approves spending the exact remainder and declines one minor unit more', () => {
    const ctx = passingContext({ budgetMinor: 50_000, spentMinor: 40_000 });
    expect(reasonOf(ctx, request({ amountMinor: 10_000 }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ amountMinor: 10_001 }))).toBe('INSUFFICIENT_BUDGET');
  });

  it('declines anything once spent exceeds a budget lowered below it', () => {
    expect(reasonOf(passingContext({ budgetMinor: 10_000, spentMinor: 12_000 }), request({ amountMinor: 1 }))).toBe(
      'INSUFFICIENT_BUDGET',
    );
  });
});

describe('authorize: account balance', () => {
  it('approves up to the available balance and declines beyond it', () => {
    expect(reasonOf(passingContext({ balanceAvailableMinor: 10_000 }))).toBe('APPROVED');
    expect(reasonOf(passingContext({ balanceAvailableMinor: 9_999 }))).toBe('INSUFFICIENT_BALANCE');
  });
});

describe('authorize: merchant category rules', () => {
  it('allows only whitelisted codes', () => {
    const ctx = passingContext({ limits: [limit('mcc_whitelist', null, null, ['5411', '5812'])] });
    expect(reasonOf(ctx, request({ mcc: '5812' }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ mcc: '7995' }))).toBe('MCC_NOT_ALLOWED');
  });

  it('refuses blacklisted codes and allows the rest', () => {
    const ctx = passingContext({ limits: [limit('mcc_blacklist', null, null, ['7995'])] });
    expect(reasonOf(ctx, request({ mcc: '7995' }))).toBe('MCC_BLOCKED');
    expect(reasonOf(ctx, request({ mcc: '5812' }))).toBe('APPROVED');
  });

  it('ignores amountMinor and timeUnit on MCC rules, even 0', () => {
    const ctx = passingContext({
      limits: [limit('mcc_whitelist', 0, 'daily', ['5812']), limit('mcc_blacklist', 0, 'monthly', ['7995'])],
    });
    expect(reasonOf(ctx, request({ mcc: '5812', amountMinor: 999_999 }))).toBe('APPROVED');
  });

  it('applies every whitelist: a code must be on each one', () => {
    const ctx = passingContext({
      limits: [limit('mcc_whitelist', null, null, ['5411', '5812']), limit('mcc_whitelist', null, null, ['5812'])],
    });
    expect(reasonOf(ctx, request({ mcc: '5812' }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ mcc: '5411' }))).toBe('MCC_NOT_ALLOWED');
  });

  it('treats a whitelist with no codes as allowing nothing', () => {
    expect(reasonOf(passingContext({ limits: [limit('mcc_whitelist', null, null, [])] }))).toBe('MCC_NOT_ALLOWED');
    expect(reasonOf(passingContext({ limits: [{ type: 'mcc_whitelist', amountMinor: null, timeUnit: null }] }))).toBe(
      'MCC_NOT_ALLOWED',
    );
  });

  it('matches codes exactly as strings', () => {
    const ctx = passingContext({ limits: [limit('mcc_blacklist', null, null, ['0742'])] });
    expect(reasonOf(ctx, request({ mcc: '0742' }))).toBe('MCC_BLOCKED');
    expect(reasonOf(ctx, request({ mcc: '742' }))).toBe('APPROVED');
  });
});

interface KindCase {
  type: LimitRule['type'];
  reason: string;
  /** A request the limit counts. */
  counted: Partial<AuthorizationRequest>;
  /** A request the limit ignores, if any. */
  ignored?: Partial<AuthorizationRequest>;
  /** A history record the limit counts, 60.00 PLN in balance currency. */
  countedRecord: Partial<{ channel: Channel; foreign: boolean }>;
}

const KINDS: KindCase[] = [
  { type: 'general', reason: 'GENERAL_LIMIT', counted: { channel: 'POS' }, countedRecord: { channel: 'ATM' } },
  {
    type: 'ecommerce',
    reason: 'ECOMMERCE_LIMIT',
    counted: { channel: 'ECOMMERCE' },
    ignored: { channel: 'POS' },
    countedRecord: { channel: 'ECOMMERCE' },
  },
  {
    type: 'atm',
    reason: 'ATM_LIMIT',
    counted: { channel: 'ATM', mcc: '6011' },
    ignored: { channel: 'ECOMMERCE' },
    countedRecord: { channel: 'ATM' },
  },
  {
    type: 'foreign_amount',
    reason: 'FOREIGN_LIMIT',
    // 22.80 EUR × 4.30 × 1.02 = 100.0008 → 100.01 PLN, near the other kinds' 100.00 PLN
    counted: { currency: 'EUR', amountMinor: 2_280 },
    ignored: { currency: 'PLN' },
    countedRecord: { foreign: true },
  },
];

describe.each(KINDS)('authorize: $type limit', ({ type, reason, counted, ignored, countedRecord }) => {
  const countedRequest = request(counted);
  const amount = authorize(passingContext(), countedRequest).amountInBalanceMinor;

  it('0 disables the kind at any amount', () => {
    const ctx = passingContext({ limits: [limit(type, 0, 'monthly')] });
    expect(reasonOf(ctx, request({ ...counted, amountMinor: 1 }))).toBe(reason);
  });

  it('null is unlimited', () => {
    const ctx = passingContext({ limits: [limit(type, null, 'daily')] });
    expect(reasonOf(ctx, request({ ...counted, amountMinor: 1_000_000 }))).toBe('APPROVED');
  });

  it('absent is unlimited', () => {
    expect(reasonOf(passingContext(), request({ ...counted, amountMinor: 1_000_000 }))).toBe('APPROVED');
  });

  it('a value limits the window: room left is approved, one minor unit more is declined', () => {
    const history = [spend('2025-06-11T06:00:00Z', 6_000, countedRecord)];
    expect(reasonOf(passingContext({ limits: [limit(type, 6_000 + amount, 'daily')], history }), countedRequest)).toBe(
      'APPROVED',
    );
    expect(
      reasonOf(passingContext({ limits: [limit(type, 6_000 + amount - 1, 'daily')], history }), countedRequest),
    ).toBe(reason);
  });

  if (ignored) {
    it('does not apply to a request of another kind', () => {
      const ctx = passingContext({ limits: [limit(type, 0, 'daily')] });
      expect(reasonOf(ctx, request({ ...ignored, amountMinor: 10_000 }))).toBe('APPROVED');
    });

    it('does not count spend of another kind', () => {
      const other = spend('2025-06-11T06:00:00Z', 50_000, { channel: 'POS', foreign: false });
      const ctx = passingContext({ limits: [limit(type, amount, 'daily')], history: [other] });
      expect(reasonOf(ctx, countedRequest)).toBe('APPROVED');
    });
  }
});

describe('authorize: general caps the other limits', () => {
  it('lets an ATM limit of 100 under a general limit of 50 withdraw only 50', () => {
    const ctx = passingContext({ limits: [limit('atm', 10_000, 'daily'), limit('general', 5_000, 'daily')] });
    expect(reasonOf(ctx, request({ channel: 'ATM', amountMinor: 5_000 }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ channel: 'ATM', amountMinor: 5_001 }))).toBe('GENERAL_LIMIT');
  });

  it('counts every channel against general', () => {
    const ctx = passingContext({
      limits: [limit('general', 10_000, 'daily'), limit('ecommerce', 10_000, 'daily')],
      history: [spend('2025-06-11T06:00:00Z', 3_000, { channel: 'ATM' }), spend('2025-06-11T07:00:00Z', 3_000)],
    });
    expect(reasonOf(ctx, request({ channel: 'ECOMMERCE', amountMinor: 4_000 }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ channel: 'ECOMMERCE', amountMinor: 4_001 }))).toBe('GENERAL_LIMIT');
  });
});

describe('authorize: several limits of one type', () => {
  const ctx = (history = [spend('2025-06-02T10:00:00Z', 25_000)]) =>
    passingContext({ limits: [limit('general', 10_000, 'daily'), limit('general', 30_000, 'monthly')], history });

  it('applies the monthly limit although the day is untouched', () => {
    expect(reasonOf(ctx(), request({ amountMinor: 5_000 }))).toBe('APPROVED');
    expect(reasonOf(ctx(), request({ amountMinor: 5_001 }))).toBe('GENERAL_LIMIT');
  });

  it('applies the daily limit although the month has room', () => {
    expect(reasonOf(ctx([spend('2025-06-11T06:00:00Z', 8_000)]), request({ amountMinor: 2_001 }))).toBe(
      'GENERAL_LIMIT',
    );
  });

  it('treats a limit without a time unit as one over the whole history', () => {
    const lifetime = passingContext({
      limits: [limit('atm', 20_000, null)],
      history: [spend('2025-02-01T10:00:00Z', 15_000, { channel: 'ATM' })],
    });
    expect(reasonOf(lifetime, request({ channel: 'ATM', amountMinor: 5_000 }))).toBe('APPROVED');
    expect(reasonOf(lifetime, request({ channel: 'ATM', amountMinor: 5_001 }))).toBe('ATM_LIMIT');
  });
});

describe('authorize: foreign currency', () => {
  it('converts at the fixed rate with commission and marks the payment foreign', () => {
    // 100.00 EUR × 4.30 × 1.02 = 438.60 PLN
    expect(authorize(passingContext(), request({ currency: 'EUR', amountMinor: 10_000 }))).toEqual({
      approved: true,
      amountInBalanceMinor: 43_860,
      foreign: true,
    });
  });

  it('checks the foreign limit in the balance currency', () => {
    const eur = request({ currency: 'EUR', amountMinor: 10_000 });
    expect(reasonOf(passingContext({ limits: [limit('foreign_amount', 43_860, 'daily')] }), eur)).toBe('APPROVED');
    expect(reasonOf(passingContext({ limits: [limit('foreign_amount', 43_859, 'daily')] }), eur)).toBe(
      'FOREIGN_LIMIT',
    );
  });

  it('charges the converted amount to budget, general limit and balance', () => {
    const eur = request({ currency: 'EUR', amountMinor: 10_000 });
    expect(reasonOf(passingContext({ budgetMinor: 43_859 }), eur)).toBe('INSUFFICIENT_BUDGET');
    expect(reasonOf(passingContext({ limits: [limit('general', 43_859, 'daily')] }), eur)).toBe('GENERAL_LIMIT');
    expect(reasonOf(passingContext({ balanceAvailableMinor: 43_859 }), eur)).toBe('INSUFFICIENT_BALANCE');
  });

  it('counts only foreign history against the foreign limit', () => {
    const ctx = passingContext({
      limits: [limit('foreign_amount', 50_000, 'weekly')],
      history: [spend('2025-06-09T10:00:00Z', 40_000), spend('2025-06-10T10:00:00Z', 6_000, { foreign: true })],
    });
    expect(reasonOf(ctx, request({ currency: 'EUR', amountMinor: 10_000 }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ currency: 'EUR', amountMinor: 10_100 }))).toBe('FOREIGN_LIMIT');
  });

  it('treats a balance in EUR paid in PLN as foreign too', () => {
    const ctx = passingContext({ balanceCurrency: 'EUR' });
    const result = authorize(ctx, request({ currency: 'PLN', amountMinor: 43_000 }));
    // 430.00 PLN ÷ 4.30 × 1.02 = 102.00 EUR
    expect(result).toEqual({ approved: true, amountInBalanceMinor: 10_200, foreign: true });
  });

  it('reports the converted amount on a decline too', () => {
    expect(authorize(passingContext({ cardLocked: true }), request({ currency: 'EUR', amountMinor: 10_000 }))).toEqual({
      approved: false,
      reason: 'CARD_LOCKED',
      amountInBalanceMinor: 43_860,
      foreign: true,
    });
  });

  it('throws a typed error for an unknown currency, before any rule', () => {
    expect(() => authorize(passingContext({ cardLocked: true }), request({ currency: 'XYZ' }))).toThrow(
      UnknownCurrencyError,
    );
  });
});

describe('authorize: windows in Europe/Warsaw', () => {
  const daily = (history: ReturnType<typeof spend>[]) =>
    passingContext({ limits: [limit('general', 10_000, 'daily')], history });
  const fullDay = (at: string) => [spend(at, 10_000)];

  it('resets the daily limit at local midnight (22:00 UTC in summer), not at UTC midnight', () => {
    const ctx = daily(fullDay('2025-06-10T21:59:59.999Z')); // 23:59:59.999 on 10 June, Warsaw
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-06-10T22:00:00Z') }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-06-10T21:59:59.999Z') }))).toBe('GENERAL_LIMIT');
  });

  it('keeps spend from earlier the same local day although it was the previous UTC day', () => {
    const ctx = daily(fullDay('2025-06-10T22:30:00Z')); // 00:30 on 11 June, Warsaw
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-06-11T09:00:00Z') }))).toBe('GENERAL_LIMIT');
  });

  it('resets the weekly limit on Monday 00:00 local', () => {
    const ctx = passingContext({
      limits: [limit('general', 10_000, 'weekly')],
      history: fullDay('2025-06-09T06:00:00Z'), // Monday 9 June
    });
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-06-15T21:59:59Z') }))).toBe('GENERAL_LIMIT');
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-06-15T22:00:00Z') }))).toBe('APPROVED');
  });

  it('resets the monthly limit on the 1st, 00:00 local', () => {
    const ctx = passingContext({
      limits: [limit('general', 10_000, 'monthly')],
      history: fullDay('2025-01-01T00:00:00Z'), // 01:00 on 1 January, Warsaw
    });
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-01-31T22:59:59Z') }))).toBe('GENERAL_LIMIT');
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-01-31T23:00:00Z') }))).toBe('APPROVED');
  });

  it('counts the whole 23-hour day of the spring DST change', () => {
    const ctx = daily(fullDay('2025-03-29T23:00:00Z')); // 00:00 +01:00 on Sunday 30 March
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-03-30T21:59:59Z') }))).toBe('GENERAL_LIMIT');
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-03-30T22:00:00Z') }))).toBe('APPROVED');
  });

  it('counts the whole 25-hour day of the autumn DST change', () => {
    const ctx = daily(fullDay('2025-10-25T22:00:00Z')); // 00:00 +02:00 on Sunday 26 October
    // 23:30 +01:00 is 22:30 UTC: a fixed +02:00 offset would wrongly call it the next day
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-10-26T22:30:00Z') }))).toBe('GENERAL_LIMIT');
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-10-26T23:00:00Z') }))).toBe('APPROVED');
  });

  it('uses the approval zone: the same instants fall in one day in New York', () => {
    const ctx = passingContext({
      timezone: 'America/New_York',
      limits: [limit('general', 10_000, 'daily')],
      history: fullDay('2025-06-10T21:59:59Z'),
    });
    expect(reasonOf(ctx, request({ amountMinor: 1, at: new Date('2025-06-10T22:00:00Z') }))).toBe('GENERAL_LIMIT');
  });
});

describe('authorize: refunds', () => {
  it('frees room in the window they happen in', () => {
    const ctx = passingContext({
      limits: [limit('general', 10_000, 'daily')],
      history: [spend('2025-06-11T06:00:00Z', 10_000), spend('2025-06-11T08:00:00Z', -4_000)],
    });
    expect(reasonOf(ctx, request({ amountMinor: 4_000 }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ amountMinor: 4_001 }))).toBe('GENERAL_LIMIT');
  });

  it('frees room in the kind they belong to', () => {
    const ctx = passingContext({
      limits: [limit('ecommerce', 10_000, 'weekly')],
      history: [
        spend('2025-06-09T06:00:00Z', 10_000, { channel: 'ECOMMERCE' }),
        spend('2025-06-10T06:00:00Z', -2_500, { channel: 'ECOMMERCE' }),
      ],
    });
    expect(reasonOf(ctx, request({ channel: 'ECOMMERCE', amountMinor: 2_500 }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ channel: 'ECOMMERCE', amountMinor: 2_501 }))).toBe('ECOMMERCE_LIMIT');
  });

  it('never lifts a window above its limit when refunding an earlier window', () => {
    const ctx = passingContext({
      limits: [limit('general', 10_000, 'daily')],
      history: [spend('2025-06-10T10:00:00Z', 10_000), spend('2025-06-11T06:00:00Z', -10_000)],
    });
    expect(reasonOf(ctx, request({ amountMinor: 10_000 }))).toBe('APPROVED');
    expect(reasonOf(ctx, request({ amountMinor: 10_001 }))).toBe('GENERAL_LIMIT');
  });
});

describe('authorize: invalid input', () => {
  it.each([0, -100, 10.5, Number.NaN])('throws for amountMinor %s', (amountMinor) => {
    expect(() => authorize(passingContext(), request({ amountMinor }))).toThrow(RangeError);
  });

  it('throws for an unknown time zone when a periodic limit needs it', () => {
    const ctx = passingContext({ timezone: 'Mars/Olympus', limits: [limit('general', 10_000, 'daily')] });
    expect(() => authorize(ctx, request())).toThrow(RangeError);
  });
});
