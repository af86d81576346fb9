import { describe, expect, it } from 'vitest';
import { formatMinorAsInput, formatMoney, toSafeNumber } from './format';

describe('formatMoney', () => {
  it('formats minor units in the currency, en-GB by default', () => {
    expect(formatMoney(10050n, 'EUR')).toBe('€100.50');
    expect(formatMoney(10050, 'EUR')).toBe('€100.50');
    expect(formatMoney(0n, 'EUR')).toBe('€0.00');
    expect(formatMoney(5n, 'EUR')).toBe('€0.05');
    expect(formatMoney(123456n, 'JPY')).toBe('JP¥123,456');
    expect(formatMoney(1234567n, 'KWD')).toBe('KWD\u00a01,234.567');
    expect(formatMoney(123456n, 'PLN', 'pl-PL')).toBe('1234,56\u00a0zł');
    expect(formatMoney(123456789n, 'EUR', 'de-DE')).toBe('1.234.567,89\u00a0€');
  });

  it('formats negative amounts', () => {
    expect(formatMoney(-10050n, 'EUR')).toBe('-€100.50');
    expect(formatMoney(-5, 'EUR')).toBe('-€0.05');
    expect(formatMoney(-1n, 'KWD')).toBe('-KWD\u00a00.001');
    expect(formatMoney(-123456789n, 'EUR', 'de-DE')).toBe('-1.234.567,89\u00a0€');
  });

  it('keeps every digit of BigInt amounts far beyond 2^53', () => {
    const huge = 123456789012345678901234567n;
    expect(formatMoney(huge, 'EUR')).toBe('€1,234,567,890,123,456,789,012,345.67');
    expect(formatMoney(-huge, 'EUR')).toBe('-€1,234,567,890,123,456,789,012,345.67');
    expect(formatMoney(2n ** 64n + 1n, 'JPY')).toBe('JP¥18,446,744,073,709,551,617');
    expect(formatMoney(BigInt(Number.MAX_SAFE_INTEGER) + 2n, 'EUR')).toBe('€90,071,992,547,409.93');
  });

  it('refuses numbers that are not safe integers', () => {
    expect(() => formatMoney(1.5, 'EUR')).toThrow(RangeError);
    expect(() => formatMoney(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'EUR')).toThrow(RangeError);
    expect(() => formatMoney(1n, 'NOPE')).toThrow(RangeError);
  });
});

describe('formatMinorAsInput', () => {
  it('writes a plain decimal with the currency digits', () => {
    expect(formatMinorAsInput(123450n, 'EUR')).toBe('1234.50');
    expect(formatMinorAsInput(5n, 'EUR')).toBe('0.05');
    expect(formatMinorAsInput(0n, 'EUR')).toBe('0.00');
    expect(formatMinorAsInput(-5n, 'EUR')).toBe('-0.05');
    expect(formatMinorAsInput(-123450, 'EUR')).toBe('-1234.50');
    expect(formatMinorAsInput(1234n, 'JPY')).toBe('1234');
    expect(formatMinorAsInput(1n, 'KWD')).toBe('0.001');
    expect(formatMinorAsInput(10n ** 30n, 'EUR')).toBe(`1${'0'.repeat(28)}.00`);
  });
});

describe('toSafeNumber', () => {
  it('converts exactly within the safe range', () => {
    expect(toSafeNumber(0n)).toBe(0);
    expect(toSafeNumber(-10050n)).toBe(-10050);
    expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(-BigInt(Number.MAX_SAFE_INTEGER))).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('throws beyond Number.MAX_SAFE_INTEGER', () => {
    expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => toSafeNumber(-BigInt(Number.MAX_SAFE_INTEGER) - 1n)).toThrow(RangeError);
    expect(() => toSafeNumber(10n ** 40n)).toThrow(/MAX_SAFE_INTEGER/);
  });
});
