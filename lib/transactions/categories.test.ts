import { describe, expect, it } from 'vitest';
import { DEFAULT_MCC_CATEGORIES, type MccCategory } from '@/lib/approvals/mcc';
import { categoryIndex, spendByCategory } from './categories';

describe('MCC categories for transactions', () => {
  it('names codes and ranges from the Settings catalog', () => {
    const index = categoryIndex(DEFAULT_MCC_CATEGORIES);
    expect(index.labelOf('5541')).toBe('Fuel');
    expect(index.labelOf('3100')).toBe('Airlines');
    expect(index.keyOf('7011')).toBe('hotels');
    expect(index.labelOf('9999')).toBeNull();
    expect(index.labelOf(null)).toBeNull();
    expect(index.codesOf('airlines')).toHaveLength(352);
    expect(index.codesOf('nope')).toBeNull();
  });

  it('gives a code listed in two categories to the first', () => {
    const catalog: MccCategory[] = [
      { key: 'a', label: 'A', codes: ['5000-5010'] },
      { key: 'b', label: 'B', codes: ['5005'] },
    ];
    expect(categoryIndex(catalog).keyOf('5005')).toBe('a');
  });

  it('sums spend per category, unnamed codes as Other, largest first', () => {
    const sums = spendByCategory(
      [
        { mcc: '5541', amountMinor: 1000n },
        { mcc: '5542', amountMinor: 500n },
        { mcc: '5812', amountMinor: 2000n },
        { mcc: '9999', amountMinor: 300n },
        { mcc: null, amountMinor: 200n },
        { mcc: '5541', amountMinor: -100n },
      ],
      DEFAULT_MCC_CATEGORIES,
    );
    expect(sums).toEqual([
      { key: 'restaurants', label: 'Restaurants and bars', amountMinor: 2000n },
      { key: 'fuel', label: 'Fuel', amountMinor: 1400n },
      { key: 'other', label: 'Other merchants', amountMinor: 500n },
    ]);
  });
});
