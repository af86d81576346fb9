import { describe, expect, it } from 'vitest';
import { assertCurrencyCode, currencyDigits, currencyMarkers, isCurrencyCode } from './currency';

describe('currencyDigits', () => {
  it.each([
    ['EUR', 2],
    ['PLN', 2],
    ['USD', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['TND', 3],
    ['JOD', 3],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
    expect(currencyDigits(currency)).toBe(digits); // cached path
  });

  it('refuses unknown or malformed codes', () => {
    for (const code of ['eur', 'EURO', 'EU', 'ABC', '', ' EUR', 'XXX1']) {
      expect(isCurrencyCode(code)).toBe(false);
      expect(() => currencyDigits(code)).toThrow(RangeError);
      expect(() => assertCurrencyCode(code)).toThrow(/Unknown currency code/);
    }
    expect(isCurrencyCode('EUR')).toBe(true);
  });
});

describe('currencyMarkers', () => {
  it('lists the code and common symbols, longest first', () => {
    expect(currencyMarkers('EUR')).toEqual(expect.arrayContaining(['EUR', '€']));
    expect(currencyMarkers('PLN')).toEqual(expect.arrayContaining(['PLN', 'zł']));
    expect(currencyMarkers('JPY')).toEqual(expect.arrayContaining(['JPY', '¥', '￥']));
    const usd = currencyMarkers('USD');
    expect(usd.indexOf('US$')).toBeLessThan(usd.indexOf('$'));
    expect(usd.indexOf('$')).toBeGreaterThanOrEqual(0);
  });
});
