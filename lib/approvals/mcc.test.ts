import { describe, expect, it } from 'vitest';
import { DEFAULT_MCC_CATEGORIES, mccCategoriesSchema, mccCodesOf, parseMccCodes } from './mcc';

describe('MCC codes', () => {
  it('parses codes and ranges in any of the separators', () => {
    expect(parseMccCodes('5812, 5813;5814|4111 3000-3002')).toEqual({ ok: true, codes: ['3000', '3001', '3002', '4111', '5812', '5813', '5814'] });
    expect(parseMccCodes('')).toEqual({ ok: true, codes: [] });
    expect(parseMccCodes('12345, 5000-4000')).toEqual({ ok: false, message: 'Not a four-digit MCC code or range: 12345, 5000-4000' });
  });

  it('refuses a range of every code, and too many codes in one rule, before expanding anything', () => {
    expect(parseMccCodes('0000-9999')).toEqual({ ok: false, message: 'A range may span at most 1,000 codes: 0000-9999' });
    expect(parseMccCodes('0000-0999 1000-1999 2000-2999')).toEqual({ ok: false, message: 'At most 2,000 codes in one rule; use categories or fewer ranges' });
    expect(parseMccCodes('3000-3999')).toMatchObject({ ok: true });
  });

  it('expands chosen categories with raw codes, each code once', () => {
    expect(mccCodesOf(['restaurants'], ['5812', '7011'], DEFAULT_MCC_CATEGORIES)).toEqual(['5812', '5813', '5814', '7011']);
    expect(mccCodesOf(['unknown'], [], DEFAULT_MCC_CATEGORIES)).toEqual([]);
  });

  it('ships defaults the settings schema accepts, with unique keys', () => {
    expect(mccCategoriesSchema.safeParse(DEFAULT_MCC_CATEGORIES).success).toBe(true);
    expect(new Set(DEFAULT_MCC_CATEGORIES.map((c) => c.key)).size).toBe(DEFAULT_MCC_CATEGORIES.length);
    expect(mccCodesOf(['hotels'], [], DEFAULT_MCC_CATEGORIES)).toContain('7011');
  });
});
