import { describe, expect, it } from 'vitest';
import { DEFAULT_MCC_CATEGORIES, mccCategoriesSchema } from '@/lib/approvals/mcc';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import { defaultCategoryRows, keyFromLabel, mccCategoriesFormSchema, parseCategoryCodes, toCategoryRows, uniqueKey, type MccCategoryRow } from './mcc-categories-form';

const REVISION = '2026-01-02T03:04:05.678Z';

function errorsOf(categories: MccCategoryRow[]) {
  const result = mccCategoriesFormSchema.safeParse({ revision: REVISION, categories });
  if (result.success) throw new Error('expected the list to be refused');
  return fieldErrorsFromZod(result.error);
}

describe('keyFromLabel and uniqueKey', () => {
  it('makes a lower-case slug from the label, without accents', () => {
    expect(keyFromLabel('Coworking & Offices')).toBe('coworking_offices');
    expect(keyFromLabel('  Żabka / Łódź  ')).toBe('zabka_lodz');
    expect(keyFromLabel('!!!')).toBe('category');
    expect(keyFromLabel('x'.repeat(60))).toHaveLength(40);
  });

  it('adds a number when the slug is taken', () => {
    expect(uniqueKey('fuel', ['fuel', 'fuel_2'])).toBe('fuel_3');
    expect(uniqueKey('coworking', ['fuel'])).toBe('coworking');
    expect(uniqueKey('y'.repeat(40), ['y'.repeat(40)])).toBe(`${'y'.repeat(38)}_2`);
  });
});

describe('parseCategoryCodes', () => {
  it('accepts codes and ranges separated by commas or spaces, each once, in the order typed', () => {
    expect(parseCategoryCodes('7299, 6513  3000-3350,7299')).toEqual({ ok: true, entries: ['7299', '6513', '3000-3350'] });
  });

  it('names the entries that are not codes, and backwards ranges', () => {
    expect(parseCategoryCodes('5812 58A2')).toEqual({ ok: false, message: '58A2 is not a four-digit MCC code' });
    expect(parseCategoryCodes('12, 123456, abcd, x, y')).toEqual({ ok: false, message: '12, 123456, abcd and 2 more are not four-digit MCC codes' });
    expect(parseCategoryCodes('3350-3000')).toEqual({ ok: false, message: '3350-3000: a range must go from the lower code to the higher' });
    expect(parseCategoryCodes(' , ')).toMatchObject({ ok: false, message: expect.stringMatching(/at least one/) });
  });
});

describe('mccCategoriesFormSchema', () => {
  it('round-trips the defaults into what the readers accept', () => {
    const result = mccCategoriesFormSchema.parse({ revision: null, categories: defaultCategoryRows() });
    expect(result.categories).toEqual(DEFAULT_MCC_CATEGORIES);
    expect(mccCategoriesSchema.safeParse(result.categories).success).toBe(true);
  });

  it('trims names and keys and keeps the codes as entries', () => {
    const result = mccCategoriesFormSchema.parse({ revision: REVISION, categories: [{ key: ' coworking ', label: '  Coworking   spaces ', codes: '7299 6513' }] });
    expect(result).toEqual({ revision: REVISION, categories: [{ key: 'coworking', label: 'Coworking spaces', codes: ['7299', '6513'] }] });
  });

  it('names the row and the field in every message', () => {
    const rows = toCategoryRows(DEFAULT_MCC_CATEGORIES.slice(0, 2));
    const errors = errorsOf([...rows, { key: 'Bad Key', label: '', codes: '58A2' }]);
    expect(errors['categories.2.codes']).toEqual(['Category 3, codes: 58A2 is not a four-digit MCC code']);
    expect(errors['categories.2.label']).toEqual(['Category 3, name: enter a name']);
    expect(errors['categories.2.key']).toEqual(['Category 3, key: use only lower-case letters, digits, - and _ (at most 40)']);
    expect(Object.keys(errors)).toHaveLength(3);
  });

  it('refuses a key or a name used twice (names whatever their case), pointing at the first', () => {
    const errors = errorsOf([
      { key: 'fuel', label: 'Fuel', codes: '5541' },
      { key: 'taxis', label: 'Taxis', codes: '4121' },
      { key: 'fuel', label: 'TAXIS', codes: '5542' },
    ]);
    expect(errors['categories.2.key']).toEqual(['Category 3, key: “fuel” is already used by category 1']);
    expect(errors['categories.2.label']).toEqual(['Category 3, name: “TAXIS” is already category 2']);
  });

  it('accepts an empty list and refuses a missing version', () => {
    expect(mccCategoriesFormSchema.parse({ revision: null, categories: [] }).categories).toEqual([]);
    const result = mccCategoriesFormSchema.safeParse({ revision: 'yesterday', categories: [] });
    expect(result.success).toBe(false);
  });
});
