import { describe, expect, it } from 'vitest';
import { diffSnapshots, hasSnapshots } from './diff';

describe('diffSnapshots', () => {
  it('marks changed, added, removed and unchanged keys', () => {
    const rows = diffSnapshots({ status: 'DELIVERED', cardStatus: 'ACTIVE', note: 'x' }, { status: 'DELIVERED', cardStatus: 'LOCKED', approvalId: 'a2' });
    expect(rows).toEqual([
      { path: 'status', before: 'DELIVERED', after: 'DELIVERED', change: 'same' },
      { path: 'cardStatus', before: 'ACTIVE', after: 'LOCKED', change: 'changed' },
      { path: 'note', before: 'x', after: null, change: 'removed' },
      { path: 'approvalId', before: null, after: 'a2', change: 'added' },
    ]);
  });

  it('formats amounts under keys ending in Minor, with the currency the entry names, and the difference', () => {
    const rows = diffSnapshots({ budgetMinor: '50000', availableMinor: 20000 }, { budgetMinor: '80000', availableMinor: 50000, currency: 'PLN' });
    expect(rows.find((r) => r.path === 'budgetMinor')).toEqual({ path: 'budgetMinor', before: 'PLN\u00a0500.00', after: 'PLN\u00a0800.00', change: 'changed', delta: '+PLN\u00a0300.00' });
    expect(rows.find((r) => r.path === 'availableMinor')?.after).toBe('PLN\u00a0500.00');
    expect(rows.find((r) => r.path === 'currency')).toMatchObject({ change: 'added', after: 'PLN' });
  });

  it('keeps amounts exact beyond 2^53 and shows two decimals when no currency is named', () => {
    const rows = diffSnapshots({ limitMinor: '9007199254740993' }, { limitMinor: '9007199254740995' });
    expect(rows[0]).toMatchObject({ before: '90071992547409.93', after: '90071992547409.95', delta: '+0.02' });
    expect(diffSnapshots(null, { budgetMinor: 'unlimited' })[0]).toMatchObject({ after: 'unlimited', change: 'added' });
  });

  it('uses the currency nearest to a nested amount and writes negative differences', () => {
    const rows = diffSnapshots(
      { limits: { atm: { amountMinor: '20000', currency: 'EUR', period: 'WEEK' } } },
      { limits: { atm: { amountMinor: '5000', currency: 'EUR', period: 'WEEK' } } },
    );
    expect(rows.map((r) => r.path)).toEqual(['limits.atm.amountMinor', 'limits.atm.currency', 'limits.atm.period']);
    expect(rows[0]).toMatchObject({ before: '€200.00', after: '€50.00', change: 'changed', delta: '-€150.00' });
  });

  it('does not compute a difference across currencies', () => {
    const [row] = diffSnapshots({ budgetMinor: '100', currency: 'EUR' }, { budgetMinor: '200', currency: 'PLN' });
    expect(row).toMatchObject({ before: '€1.00', after: 'PLN\u00a02.00', change: 'changed' });
    expect(row?.delta).toBeUndefined();
  });

  it('reads booleans, lists, empty values and instants for people', () => {
    const rows = diffSnapshots(
      { allow: false, tags: ['a', 'b'], mcc: [], when: '2026-11-21T10:00:00.000Z', gone: null },
      { allow: true, tags: ['a'], mcc: [{ code: '5812' }], when: '2026-11-21T10:00:00.000Z', gone: null },
      { timeZone: 'Europe/Warsaw' },
    );
    expect(rows).toEqual([
      { path: 'allow', before: 'no', after: 'yes', change: 'changed' },
      { path: 'tags', before: 'a, b', after: 'a', change: 'changed' },
      { path: 'mcc', before: 'none', after: null, change: 'removed' },
      { path: 'when', before: '21 Nov 2026, 11:00:00', after: '21 Nov 2026, 11:00:00', change: 'same' },
      { path: 'gone', before: 'empty', after: 'empty', change: 'same' },
      { path: 'mcc[0].code', before: null, after: '5812', change: 'added' },
    ]);
  });

  it('compares a snapshot that is not an object as one value', () => {
    expect(diffSnapshots('old', 'new')).toEqual([{ path: '(value)', before: 'old', after: 'new', change: 'changed' }]);
    expect(diffSnapshots(null, null)).toEqual([]);
    expect(hasSnapshots(null, undefined)).toBe(false);
    expect(hasSnapshots(null, {})).toBe(true);
  });
});
