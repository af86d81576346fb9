import { describe, expect, it } from 'vitest';
import { cardListSearch, decodeCursor, encodeCursor, parseCardListParams } from './list-params';

describe('cards list URL', () => {
  it('reads filters, sort and page, ignoring what it does not understand', () => {
    const q = parseCardListParams(new URLSearchParams('q=%20Nowak%20&status=DELIVERED,BOGUS&status=ACCEPTED&card=LOCKED&expiring=7&sort=endDate&size=25&after=abc_-1'));
    expect(q).toEqual({
      q: 'Nowak',
      status: ['DELIVERED', 'ACCEPTED'],
      cardStatus: 'LOCKED',
      account: null,
      tag: null,
      expiringDays: 7,
      sort: 'endDate',
      dir: 'asc',
      after: 'abc_-1',
      before: null,
      size: 25,
    });
    const junk = parseCardListParams({ sort: 'DROP TABLE', size: '7', expiring: '-3', card: 'x', after: 'a b' });
    expect(junk).toMatchObject({ sort: 'activity', dir: 'desc', size: 50, expiringDays: null, cardStatus: null, after: null });
  });

  it('writes a URL that reads back the same, without defaults', () => {
    const query = parseCardListParams(new URLSearchParams('q=anna&status=CREATED&tag=travel&sort=name&dir=desc&before=xyz'));
    const search = cardListSearch(query);
    expect(search).toBe('?q=anna&status=CREATED&tag=travel&sort=name&dir=desc&before=xyz');
    expect(parseCardListParams(new URLSearchParams(search.slice(1)))).toEqual(query);
    expect(cardListSearch(parseCardListParams({}))).toBe('');
  });

  it('round-trips cursors, including non-ASCII sort values, and rejects garbage', () => {
    const cursor = encodeCursor('żółć nowak', '6f1c0c7e-9d7a-4c5e-8f00-1b2c3d4e5f60');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ value: 'żółć nowak', id: '6f1c0c7e-9d7a-4c5e-8f00-1b2c3d4e5f60' });
    expect(decodeCursor('not-a-cursor')).toBeNull();
  });
});
