import { describe, expect, it } from 'vitest';
import { DEFAULT_MCC_CATEGORIES, type MccCategory } from '@/lib/approvals/mcc';
import { diffMccCategories, isDefaultCatalog, isEmptyChange, mccChangePhrases, mccChangeSentence } from './mcc-categories-changes';

const fuel: MccCategory = { key: 'fuel', label: 'Fuel', codes: ['5541', '5542'] };
const taxis: MccCategory = { key: 'taxis', label: 'Taxis', codes: ['4121'] };
const gambling: MccCategory = { key: 'gambling', label: 'Gambling', codes: ['7995'] };
const coworking: MccCategory = { key: 'coworking', label: 'Coworking', codes: ['7299'] };

describe('diffMccCategories', () => {
  it('matches categories by key', () => {
    const change = diffMccCategories([fuel, taxis, gambling], [fuel, { ...taxis, label: 'Taxis and rides' }, coworking]);
    expect(change.added).toEqual([coworking]);
    expect(change.removed).toEqual([gambling]);
    expect(change.changed).toEqual([{ before: taxis, after: { ...taxis, label: 'Taxis and rides' } }]);
    expect(change.reordered).toBe(false);
  });

  it('sees nothing when nothing changed, and a new order as a change', () => {
    expect(isEmptyChange(diffMccCategories([fuel, taxis], [fuel, taxis]))).toBe(true);
    const swapped = diffMccCategories([fuel, taxis], [taxis, fuel]);
    expect(isEmptyChange(swapped)).toBe(false);
    expect(mccChangePhrases(swapped)).toEqual(['changed the order']);
  });
});

describe('mccChangeSentence', () => {
  it('reads as one sentence with commas between short phrases', () => {
    const change = diffMccCategories([fuel, gambling], [fuel, coworking]);
    expect(mccChangeSentence('Anna Nowak', change, [fuel, coworking])).toBe("Anna Nowak changed the merchant categories: added 'Coworking', removed 'Gambling'.");
  });

  it('gives renames and code changes with before and after, semicolons once codes have commas', () => {
    const after = [{ ...fuel, label: 'Fuel stations', codes: ['5541', '5542', '5983'] }, taxis];
    const sentence = mccChangeSentence('Anna Nowak', diffMccCategories([fuel], after), after);
    expect(sentence).toBe(
      "Anna Nowak changed the merchant categories: added 'Taxis'; renamed 'Fuel' to 'Fuel stations'; changed the codes of 'Fuel stations' from 5541, 5542 to 5541, 5542, 5983.",
    );
  });

  it('says when the defaults were restored', () => {
    const before = DEFAULT_MCC_CATEGORIES.filter((c) => c.key !== 'gambling');
    const after = [...DEFAULT_MCC_CATEGORIES];
    expect(isDefaultCatalog(after)).toBe(true);
    expect(isDefaultCatalog(before)).toBe(false);
    expect(mccChangeSentence('Anna Nowak', diffMccCategories(before, after), after)).toBe(
      "Anna Nowak restored the default merchant categories: added 'Gambling and betting'.",
    );
  });
});
