import { describe, expect, it } from 'vitest';
import { toAuditJson } from './json';

describe('toAuditJson', () => {
  it('keeps BigInt money exact as decimal strings', () => {
    expect(toAuditJson({ budgetMinor: 9007199254740993n })).toEqual({ budgetMinor: '9007199254740993' });
  });

  it('turns dates into ISO strings and drops undefined fields', () => {
    const at = new Date('2026-11-21T10:00:00Z');
    expect(toAuditJson({ at, gone: undefined, list: [1, null, 'a'] })).toEqual({
      at: '2026-11-21T10:00:00.000Z',
      list: [1, null, 'a'],
    });
  });

  it('stores non-finite numbers as text rather than failing', () => {
    expect(toAuditJson(Number.NaN)).toBe('NaN');
  });
});
