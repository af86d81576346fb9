import { describe, expect, it } from 'vitest';
import { describeLimit, fromApiLimit, parseLimitCell, toApiLimit } from './limits';

describe('parseLimitCell', () => {
  it('reads unlimited, disabled and amount:period', () => {
    expect(parseLimitCell('', 'PLN')).toEqual({ ok: true, value: { mode: 'unlimited' } });
    expect(parseLimitCell(' Unlimited ', 'PLN')).toEqual({ ok: true, value: { mode: 'unlimited' } });
    expect(parseLimitCell('disabled', 'PLN')).toEqual({ ok: true, value: { mode: 'disabled' } });
    expect(parseLimitCell('200:weekly', 'PLN')).toEqual({ ok: true, value: { mode: 'amount', amountMinor: 20000n, period: 'weekly' } });
    expect(parseLimitCell('1,250.50:month', 'PLN')).toEqual({ ok: true, value: { mode: 'amount', amountMinor: 125050n, period: 'monthly' } });
  });

  it('says what is wrong', () => {
    expect(parseLimitCell('200', 'PLN')).toEqual({ ok: false, message: 'Write amount:period (e.g. 200:weekly), unlimited or disabled' });
    expect(parseLimitCell('200:yearly', 'PLN')).toEqual({ ok: false, message: 'Unknown period "yearly": use daily, weekly or monthly' });
    expect(parseLimitCell('2.345:daily', 'PLN')).toEqual({ ok: false, message: 'Use at most 2 decimal places' });
  });
});

describe('Sparados limit shapes', () => {
  it('round-trips through the API shape', () => {
    expect(toApiLimit('atm', { mode: 'unlimited' })).toBeNull();
    expect(toApiLimit('foreign', { mode: 'disabled' })).toEqual({ type: 'foreign_amount', amountMinor: 0 });
    expect(toApiLimit('ecommerce', { mode: 'amount', amountMinor: 500n, period: 'daily' })).toEqual({ type: 'ecommerce', amountMinor: 500, timeUnit: 'daily' });
    expect(fromApiLimit(undefined)).toEqual({ mode: 'unlimited' });
    expect(fromApiLimit({ amountMinor: null, timeUnit: null })).toEqual({ mode: 'unlimited' });
    expect(fromApiLimit({ amountMinor: 0, timeUnit: 'daily' })).toEqual({ mode: 'disabled' });
    expect(fromApiLimit({ amountMinor: 500, timeUnit: 'weekly' })).toEqual({ mode: 'amount', amountMinor: 500n, period: 'weekly' });
  });

  it('describes limits in words', () => {
    expect(describeLimit('atm', { mode: 'disabled' }, 'PLN')).toBe('ATM: disabled');
    expect(describeLimit('ecommerce', { mode: 'amount', amountMinor: 20000n, period: 'weekly' }, 'PLN')).toBe('Online: PLN\u00a0200.00 per week');
    expect(describeLimit('general', { mode: 'unlimited' }, 'PLN')).toBe('General: unlimited');
  });
});
