import { describe, expect, it } from 'vitest';
import {
  FX_COMMISSION_BPS,
  SUPPORTED_CURRENCIES,
  UnknownCurrencyError,
  isSupportedCurrency,
  minorDigits,
  toBalanceCurrency,
} from './fx';

describe('sandbox/domain/fx', () => {
  it('charges a 2 % commission', () => {
    expect(FX_COMMISSION_BPS).toBe(200);
  });

  it('returns the same amount, without commission, for the same currency', () => {
    expect(toBalanceCurrency(12_345, 'EUR', 'EUR')).toBe(12_345);
    expect(toBalanceCurrency(-500, 'PLN', 'PLN')).toBe(-500);
  });

  it('converts a debit at the fixed rate plus commission', () => {
    // 100.00 EUR × 4.30 × 1.02 = 438.60 PLN
    expect(toBalanceCurrency(10_000, 'EUR', 'PLN')).toBe(43_860);
    // 100.00 PLN ÷ 4.00 × 1.02 = 25.50 USD
    expect(toBalanceCurrency(10_000, 'PLN', 'USD')).toBe(2_550);
    // 10.00 GBP × 5.00 / 4.30 × 1.02 = 11.8604… EUR → 11.87 (rounded up)
    expect(toBalanceCurrency(1_000, 'GBP', 'EUR')).toBe(1_187);
  });

  it('rounds a debit up, against the cardholder', () => {
    // 0.01 CZK × 0.17 × 1.02 = 0.001734 PLN → 0.01 PLN, never 0
    expect(toBalanceCurrency(1, 'CZK', 'PLN')).toBe(1);
    // 1.00 CHF × 4.50 / 4.30 × 1.02 = 1.06744… EUR → 1.07
    expect(toBalanceCurrency(100, 'CHF', 'EUR')).toBe(107);
  });

  it('converts a credit at the rate minus commission, rounded toward zero', () => {
    // −100.00 EUR × 4.30 × 0.98 = −421.40 PLN
    expect(toBalanceCurrency(-10_000, 'EUR', 'PLN')).toBe(-42_140);
    // −1.00 CHF × 4.50 / 4.30 × 0.98 = −1.02558… EUR → −1.02
    expect(toBalanceCurrency(-100, 'CHF', 'EUR')).toBe(-102);
    expect(toBalanceCurrency(-1, 'CZK', 'PLN')).toBe(0);
  });

  it('keeps zero at zero', () => {
    expect(toBalanceCurrency(0, 'EUR', 'PLN')).toBe(0);
  });

  it('respects currencies without minor units (JPY)', () => {
    expect(minorDigits('JPY')).toBe(0);
    // ¥1000 × 0.026 × 1.02 = 26.52 PLN
    expect(toBalanceCurrency(1_000, 'JPY', 'PLN')).toBe(2_652);
    // 10.00 PLN ÷ 0.026 × 1.02 = 392.3… JPY → ¥393
    expect(toBalanceCurrency(1_000, 'PLN', 'JPY')).toBe(393);
  });

  it('supports at least PLN, EUR, USD, GBP, CHF and CZK with two minor digits', () => {
    for (const code of ['PLN', 'EUR', 'USD', 'GBP', 'CHF', 'CZK']) {
      expect(isSupportedCurrency(code)).toBe(true);
      expect(minorDigits(code)).toBe(2);
    }
    expect(SUPPORTED_CURRENCIES).toContain('JPY');
  });

  it('converts every supported pair to a positive amount no smaller than the commission-free value', () => {
    for (const from of SUPPORTED_CURRENCIES) {
      for (const to of SUPPORTED_CURRENCIES) {
        const there = toBalanceCurrency(1_000_000, from, to);
        expect(there).toBeGreaterThan(0);
        if (from !== to) {
          // a round trip through commission and upward rounding never comes back cheaper
          expect(toBalanceCurrency(there, to, from)).toBeGreaterThanOrEqual(1_000_000);
        }
      }
    }
  });

  it('throws a typed error for an unknown currency, on either side', () => {
    expect(() => toBalanceCurrency(100, 'XYZ', 'PLN')).toThrow(UnknownCurrencyError);
    expect(() => toBalanceCurrency(100, 'PLN', 'XYZ')).toThrow(UnknownCurrencyError);
    // codes are exact ISO 4217 strings
    expect(() => toBalanceCurrency(100, 'eur', 'PLN')).toThrow(UnknownCurrencyError);
    expect(() => minorDigits('toString')).toThrow(UnknownCurrencyError);
    expect(thrownBy(() => toBalanceCurrency(100, 'XYZ', 'PLN'))).toMatchObject({
      code: 'UNKNOWN_CURRENCY',
      currency: 'XYZ',
      name: 'UnknownCurrencyError',
    });
  });

  it('refuses fractional or unsafe amounts', () => {
    expect(() => toBalanceCurrency(1.5, 'EUR', 'PLN')).toThrow(RangeError);
    expect(() => toBalanceCurrency(Number.MAX_SAFE_INTEGER + 1, 'EUR', 'PLN')).toThrow(RangeError);
    expect(() => toBalanceCurrency(Number.NaN, 'EUR', 'EUR')).toThrow(RangeError);
  });

  it('refuses a result beyond the safe integer range', () => {
    expect(() => toBalanceCurrency(Number.MAX_SAFE_INTEGER, 'GBP', 'HUF')).toThrow(RangeError);
  });
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
