import { describe, expect, it } from 'vitest';
import { formatMinorAsInput, formatMoney } from './format';
import { DEFAULT_MAX_MINOR, parseAmount, type ParseAmountOptions } from './parse';

const ANY: ParseAmountOptions = { allowNegative: true, allowZero: true, max: 10n ** 60n };

function minor(input: string, currency = 'EUR', opts: ParseAmountOptions = ANY): bigint {
  const result = parseAmount(input, currency, opts);
  if (!result.ok) throw new Error(`${JSON.stringify(input)} ${currency}: ${result.error} ${result.message}`);
  return result.minor;
}

function error(input: string, currency = 'EUR', opts: ParseAmountOptions = ANY) {
  const result = parseAmount(input, currency, opts);
  if (result.ok) throw new Error(`${JSON.stringify(input)} ${currency} parsed as ${result.minor}`);
  return result;
}

// Deterministic so a failure reproduces; xorshift over BigInt to draw amounts of any size.
function randomBigInts(seed: bigint, count: number, maxDigits: number): bigint[] {
  let state = seed;
  const next = () => {
    state ^= (state << 13n) & 0xffffffffffffffffn;
    state ^= state >> 7n;
    state ^= (state << 17n) & 0xffffffffffffffffn;
    return state;
  };
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const digits = Number(next() % BigInt(maxDigits)) + 1;
    let value = 0n;
    for (let d = 0; d < digits; d++) value = value * 10n + (next() % 10n);
    out.push(next() % 2n === 0n ? value : -value);
  }
  return out;
}

describe('parseAmount: the issue list', () => {
  it('0 is refused by default and accepted with allowZero', () => {
    expect(parseAmount('0', 'EUR')).toEqual({ ok: false, error: 'ZERO', message: 'Enter an amount greater than zero' });
    expect(parseAmount('0.00', 'EUR', { allowZero: true })).toEqual({ ok: true, minor: 0n });
    expect(parseAmount('-0', 'EUR', { allowZero: true })).toEqual({ ok: true, minor: 0n });
    expect(error('0', 'EUR', { allowNegative: true }).message).toBe('The amount cannot be zero');
  });

  it('0.5', () => {
    expect(minor('0.5')).toBe(50n);
    expect(minor('0,5')).toBe(50n);
    expect(minor('.5')).toBe(50n);
    expect(minor('0.5', 'KWD')).toBe(500n);
    expect(error('0.5', 'JPY').error).toBe('TOO_MANY_DECIMALS');
  });

  it('1,000.99 and its European spellings', () => {
    expect(minor('1,000.99')).toBe(100099n);
    expect(minor('1.000,99')).toBe(100099n);
    expect(minor('1 000,99')).toBe(100099n);
    expect(minor('1\u00a0000,99')).toBe(100099n);
    expect(minor('1\u202f000,99')).toBe(100099n);
    expect(minor('1\u2009000.99')).toBe(100099n);
    expect(minor("1'000.99")).toBe(100099n);
    expect(minor('1\u2019000.99')).toBe(100099n);
    expect(minor('1000')).toBe(100000n);
    expect(minor('1,000')).toBe(100000n);
    expect(minor('1,234,567.89')).toBe(123456789n);
    expect(minor('1.234.567')).toBe(123456700n);
    expect(minor('1 234 567')).toBe(123456700n);
  });

  it('negative amounts need allowNegative', () => {
    expect(parseAmount('-5', 'EUR')).toEqual({ ok: false, error: 'NEGATIVE', message: 'The amount cannot be negative' });
    expect(minor('-5')).toBe(-500n);
    expect(minor('\u22121,000.99')).toBe(-100099n);
    expect(minor('- 5')).toBe(-500n);
    expect(error('--5').error).toBe('INVALID');
    expect(error('5-').error).toBe('INVALID');
    expect(error('+5').error).toBe('INVALID');
  });

  it('too many decimals for the currency', () => {
    expect(error('1.234')).toMatchObject({ error: 'TOO_MANY_DECIMALS', message: 'Use at most 2 decimal places' });
    expect(error('0,125')).toMatchObject({ error: 'TOO_MANY_DECIMALS' });
    expect(error('1.500')).toMatchObject({ error: 'TOO_MANY_DECIMALS' });
    expect(error('1.5', 'JPY')).toMatchObject({
      error: 'TOO_MANY_DECIMALS',
      message: 'JPY has no decimal places; enter a whole amount',
    });
    expect(error('1.2345', 'KWD')).toMatchObject({ error: 'TOO_MANY_DECIMALS', message: 'Use at most 3 decimal places' });
    expect(minor('1.234', 'KWD')).toBe(1234n);
    // Not thousands groups, so the lone separator is a decimal mark.
    expect(error('1,0000').error).toBe('TOO_MANY_DECIMALS');
    expect(error("1'000,000").error).toBe('TOO_MANY_DECIMALS');
    expect(minor('10,00')).toBe(1000n);
  });

  it('huge values: exact beyond 2^53, refused beyond max', () => {
    expect(minor('123456789012345678901234567.89')).toBe(12345678901234567890123456789n);
    expect(minor('9,007,199,254,740,993', 'JPY')).toBe(9007199254740993n);

    expect(parseAmount('90071992547409.91', 'EUR')).toEqual({ ok: true, minor: DEFAULT_MAX_MINOR });
    expect(error('90071992547409.92', 'EUR', {})).toMatchObject({
      error: 'TOO_LARGE',
      message: 'Enter an amount no larger than €90,071,992,547,409.91',
    });
    expect(error('1000.01', 'EUR', { max: 100000n })).toMatchObject({
      error: 'TOO_LARGE',
      message: 'Enter an amount no larger than €1,000.00',
    });
    expect(minor('1000', 'EUR', { max: 100000n })).toBe(100000n);
    expect(error('-1000.01', 'EUR', { max: 100000n, allowNegative: true })).toMatchObject({
      error: 'TOO_LARGE',
      message: 'Enter an amount between -€1,000.00 and €1,000.00',
    });
    expect(error('9'.repeat(101)).error).toBe('INVALID');
    expect(() => parseAmount('1', 'EUR', { max: -1n })).toThrow(RangeError);
  });

  it.each([
    '1.2.3',
    '1e5',
    '1E5',
    '0x10',
    'Infinity',
    '-Infinity',
    'NaN',
    'abc',
    '12abc',
    '1,00,0',
    '1,00,000',
    '0,500,000',
    '1 000.000,00.5',
    '1,000 000',
    '5.',
    '5,',
    '.',
    ',',
    '1..5',
    '1,,5',
    '1.000.5',
    '1,000.5,0',
    '١٢٣',
    '１２３',
    '1\t000',
    '1_000',
    '$5',
    '5 USD',
    '€€5',
    '€5€',
  ])('refuses garbage %j as INVALID', (input) => {
    const result = error(input);
    expect(result.error).toBe('INVALID');
    expect(result.message).toMatch(/^[A-Z]/);
  });

  it('empty input', () => {
    for (const input of ['', '   ', '\u00a0', '€', 'EUR', '-']) {
      const result = parseAmount(input, 'EUR');
      expect(result.ok ? null : result.error, JSON.stringify(input)).toBe(input === '-' ? 'INVALID' : 'EMPTY');
    }
    expect(parseAmount('', 'EUR')).toEqual({ ok: false, error: 'EMPTY', message: 'Enter an amount' });
  });
});

describe('parseAmount: separators, signs and symbols', () => {
  it('reads a lone separator before three digits per the documented rule', () => {
    expect(minor('1,500', 'JPY')).toBe(1500n);
    expect(minor('1.500', 'JPY')).toBe(1500n);
    expect(minor('1,500', 'EUR')).toBe(150000n);
    expect(error('1.500', 'EUR').error).toBe('TOO_MANY_DECIMALS');
    expect(minor('1.500', 'KWD')).toBe(1500n);
    expect(error('1,500', 'KWD')).toMatchObject({
      error: 'INVALID',
      message: 'It is unclear whether the comma separates thousands or decimals; write 1500 or 1.500',
    });
    expect(minor('0,500', 'KWD')).toBe(500n);
    expect(minor('1234,567', 'KWD')).toBe(1234567n);
    expect(minor('1,5', 'EUR')).toBe(150n);
    expect(minor('12,50', 'EUR')).toBe(1250n);
  });

  it('explains misplaced grouping', () => {
    expect(error('1,00,0').message).toBe('Put thousands separators every three digits, or leave them out');
    expect(error('1.2.3').message).toBe('Put thousands separators every three digits, or leave them out');
  });

  it('strips the currency code or symbol on either side, with the sign on either side of it', () => {
    expect(minor('€5')).toBe(500n);
    expect(minor('5 €')).toBe(500n);
    expect(minor('EUR 1,000.99')).toBe(100099n);
    expect(minor('eur 5')).toBe(500n);
    expect(minor('5EUR')).toBe(500n);
    expect(minor('-€5.10')).toBe(-510n);
    expect(minor('€-5.10')).toBe(-510n);
    expect(minor('€ −5,10')).toBe(-510n);
    expect(minor('-5,10 €')).toBe(-510n);
    expect(minor('1 000,99 zł', 'PLN')).toBe(100099n);
    expect(minor('US$1,000', 'USD')).toBe(100000n);
    expect(minor('$1,000', 'USD')).toBe(100000n);
    expect(minor('￥1,000', 'JPY')).toBe(1000n);
    expect(minor("CHF-1'234.50", 'CHF')).toBe(-123450n);
    expect(minor('  \u200f5\u200e  ')).toBe(500n);
    expect(minor('007.5')).toBe(750n);
  });

  it('rejects unknown currencies as a programming error', () => {
    expect(() => parseAmount('1', 'XYZ')).toThrow(RangeError);
  });
});

describe('parseAmount: round trips', () => {
  const fixed = [0n, 1n, -1n, 5n, 50n, 99n, 100n, 101n, 999n, 1000n, 100099n, 123456789n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), 10n ** 40n];

  it.each(['EUR', 'JPY', 'KWD', 'PLN'])('parse(formatMinorAsInput(x)) == x in %s', (currency) => {
    for (const value of [...fixed, ...randomBigInts(0x9e3779b97f4a7c15n, 2000, 45)]) {
      expect(minor(formatMinorAsInput(value, currency), currency)).toBe(value);
    }
  });

  it.each([
    ['en-GB', 'EUR'],
    ['en-US', 'USD'],
    ['de-DE', 'EUR'],
    ['fr-FR', 'EUR'],
    ['pl-PL', 'PLN'],
    ['de-CH', 'CHF'],
    ['nl-NL', 'EUR'],
    ['ja-JP', 'JPY'],
    ['de-DE', 'JPY'],
    ['en-GB', 'KWD'],
    ['he', 'EUR'],
  ])('parse(formatMoney(x, %s, %s)) == x', (locale, currency) => {
    for (const value of [...fixed, ...randomBigInts(0x2545f4914f6cdd1dn, 500, 25)]) {
      expect(minor(formatMoney(value, currency, locale), currency)).toBe(value);
    }
  });
});
