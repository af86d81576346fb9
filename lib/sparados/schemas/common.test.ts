import { describe, expect, it } from 'vitest';
import { minorUnits } from './common';

describe('minorUnits', () => {
  it('reads integers and integer strings', () => {
    expect(minorUnits.parse(12_345)).toBe(12_345);
    expect(minorUnits.parse('-250')).toBe(-250);
    expect(minorUnits.parse(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(minorUnits.parse(-Number.MAX_SAFE_INTEGER)).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('refuses amounts a number cannot hold exactly, as numbers or as strings', () => {
    for (const unsafe of [2 ** 53, -(2 ** 53), 1e21, '9007199254740992', '-9007199254740993', '123456789012345678901234567890']) {
      expect(minorUnits.safeParse(unsafe).success, String(unsafe)).toBe(false);
    }
  });

  it('refuses fractions, non-numeric text and other types', () => {
    for (const bad of [1.5, '1.5', '1e3', ' 12', '', 'NaN', Number.NaN, Number.POSITIVE_INFINITY, null, true]) {
      expect(minorUnits.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});
