import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  dateRange,
  decodeTransactionCursor,
  encodeTransactionCursor,
  filtersOf,
  parseTransactionParams,
  resolveAmountRange,
  transactionSearch,
} from './filters';

const CARD = '6b1f5f7e-3c1a-4b8e-9d2f-0a1b2c3d4e5f';

describe('transaction filters in the URL', () => {
  it('reads every filter and writes it back unchanged', () => {
    const search =
      `?tab=declined&from=2026-11-01&to=2026-11-21&type=PURCHASE%2CWITHDRAWAL&card=${CARD}&who=anna&merchant=Orlen&mm=prefix` +
      '&category=fuel&mcc=5541&reason=ATM_LIMIT&currency=EUR&min=10.50&max=1%2C000&size=100';
    const query = parseTransactionParams(new URLSearchParams(search));
    expect(query).toMatchObject({
      tab: 'declined',
      from: '2026-11-01',
      to: '2026-11-21',
      types: ['PURCHASE', 'WITHDRAWAL'],
      card: CARD,
      who: 'anna',
      merchant: 'Orlen',
      merchantMatch: 'prefix',
      category: 'fuel',
      mcc: '5541',
      reason: 'ATM_LIMIT',
      currency: 'EUR',
      min: '10.50',
      max: '1,000',
      size: 100,
    });
    expect(transactionSearch(query)).toBe(search);
    expect(activeFilterCount(query)).toBe(12);
  });

  it('falls back to no filter for values that make no sense', () => {
    const query = parseTransactionParams({
      tab: 'everything',
      from: '2026-02-30',
      to: 'yesterday',
      type: 'purchase,<script>',
      card: 'not-a-uuid',
      category: 'Fuel!',
      mcc: '55',
      currency: 'XYZ',
      size: '7',
      after: 'a b',
    });
    expect(query).toMatchObject({ tab: 'all', from: null, to: null, types: ['PURCHASE'], card: null, category: null, mcc: null, currency: null, size: 50, after: null });
  });

  it('leaves defaults out of links and drops the cursor on request', () => {
    expect(transactionSearch(parseTransactionParams({}))).toBe('');
    expect(transactionSearch({ merchant: 'Orlen', merchantMatch: 'contains' })).toBe('?merchant=Orlen');
    expect(transactionSearch({ tab: 'pending', after: 'abc' }, { page: false })).toBe('?tab=pending');
    expect(transactionSearch({ after: 'abc', before: 'def' })).toBe('?after=abc');
  });

  it('separates filters from paging', () => {
    const filters = filtersOf(parseTransactionParams({ tab: 'pending', after: 'abc', size: '25' }));
    expect(filters).not.toHaveProperty('after');
    expect(filters).not.toHaveProperty('size');
    expect(filters.tab).toBe('pending');
  });
});

describe('amount range', () => {
  it('parses bounds in the chosen currency, or the account currency', () => {
    expect(resolveAmountRange({ min: '10.50', max: '1,000', currency: null }, 'PLN')).toEqual({ minMinor: 1050n, maxMinor: 100000n, currency: 'PLN', errors: {} });
    expect(resolveAmountRange({ min: '1000', max: '', currency: 'JPY' }, 'PLN')).toEqual({ minMinor: 1000n, maxMinor: null, currency: 'JPY', errors: {} });
    expect(resolveAmountRange({ min: '0', max: '', currency: null }, 'EUR').minMinor).toBe(0n);
  });

  it('reports what it cannot read and leaves that bound out', () => {
    const range = resolveAmountRange({ min: 'ten', max: '5.555', currency: null }, 'EUR');
    expect(range.minMinor).toBeNull();
    expect(range.maxMinor).toBeNull();
    expect(range.errors.min).toMatch(/amount like/);
    expect(range.errors.max).toMatch(/2 decimal places/);
  });

  it('refuses an upper bound below the lower one', () => {
    const range = resolveAmountRange({ min: '50', max: '10', currency: null }, 'EUR');
    expect(range).toMatchObject({ minMinor: 5000n, maxMinor: null });
    expect(range.errors.max).toMatch(/not be below/);
  });
});

describe('date range', () => {
  it('covers both whole days in the display time zone', () => {
    const { from, until } = dateRange({ from: '2026-03-01', to: '2026-03-31' }, 'Europe/Warsaw');
    expect(from?.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    // 29 March 2026 is the spring-forward day: April starts at 22:00 UTC.
    expect(until?.toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('rolls over month ends', () => {
    expect(dateRange({ from: null, to: '2026-12-31' }, 'UTC').until?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(dateRange({ from: null, to: null }, 'UTC')).toEqual({ from: null, until: null });
  });
});

describe('keyset cursor', () => {
  it('round-trips time and id, and refuses junk', () => {
    const at = new Date('2026-11-21T10:11:12.345Z');
    const cursor = encodeTransactionCursor(at, CARD);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTransactionCursor(cursor)).toEqual({ occurredAt: at, id: CARD });
    expect(decodeTransactionCursor('!!!')).toBeNull();
    expect(decodeTransactionCursor(btoa('2026-11-21T10:11:12.345Z|drop table'))).toBeNull();
  });
});
