import { describe, expect, it } from 'vitest';
import {
  auditDateRange,
  auditSearch,
  blockingErrors,
  decodeAuditCursor,
  DEFAULT_AUDIT_PAGE_SIZE,
  describeAuditFilters,
  encodeAuditCursor,
  filtersOf,
  isCalendarDay,
  parseAuditParams,
  startOfDayIn,
  SYSTEM_ACTOR,
} from './filters';

const ACTOR = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';

describe('parseAuditParams', () => {
  it('reads every filter, with defaults for what is absent or empty', () => {
    const { query, errors } = parseAuditParams(
      new URLSearchParams({ actor: ACTOR.toUpperCase(), action: 'cards.lock', card: ' Travel ', from: '2026-11-01', to: '2026-11-21', tz: 'Europe/Warsaw', size: '25' }),
    );
    expect(errors).toEqual({});
    expect(query).toEqual({ actor: ACTOR, action: 'cards.lock', card: 'Travel', from: '2026-11-01', to: '2026-11-21', tz: 'Europe/Warsaw', after: null, before: null, size: 25 });
    expect(parseAuditParams({ actor: '', action: undefined, card: '  ' })).toEqual({
      query: { actor: null, action: null, card: null, from: null, to: null, tz: null, after: null, before: null, size: DEFAULT_AUDIT_PAGE_SIZE },
      errors: {},
    });
  });

  it('accepts the panel itself as an actor', () => {
    expect(parseAuditParams({ actor: SYSTEM_ACTOR })).toMatchObject({ query: { actor: SYSTEM_ACTOR }, errors: {} });
  });

  it('reports values it cannot read instead of dropping them, keeping them as typed', () => {
    const { query, errors } = parseAuditParams({ actor: 'anna', action: 'DROP TABLE', from: '2026-02-30', to: '21.11.2026', tz: 'Mars/Olympus' });
    expect(errors).toEqual({
      actor: 'Not a known person',
      action: 'Not an action name',
      from: '“2026-02-30” is not a date; use YYYY-MM-DD',
      to: '“21.11.2026” is not a date; use YYYY-MM-DD',
      tz: 'Not a time zone: Mars/Olympus',
    });
    expect(query).toMatchObject({ actor: 'anna', action: 'DROP TABLE', from: '2026-02-30', to: '21.11.2026', tz: 'Mars/Olympus' });
    expect(Object.keys(blockingErrors(errors))).toHaveLength(5);
  });

  it('refuses a range that ends before it starts, and a filter given twice', () => {
    expect(parseAuditParams({ from: '2026-11-21', to: '2026-11-20' }).errors).toEqual({ to: 'The end date is before the start date' });
    expect(parseAuditParams({ from: '2026-11-21', to: '2026-11-21' }).errors).toEqual({});
    expect(parseAuditParams(new URLSearchParams('action=cards.lock&action=cards.unlock')).errors).toEqual({ action: 'Give one action, not 2' });
  });

  it('falls back to the newest page for a damaged page link, without blocking the list', () => {
    const { query, errors } = parseAuditParams({ after: 'not*a*cursor', size: '7' });
    expect(query).toMatchObject({ after: null, before: null, size: DEFAULT_AUDIT_PAGE_SIZE });
    expect(errors.page).toMatch(/damaged/);
    expect(errors.size).toMatch(/25, 50, 100/);
    expect(blockingErrors(errors)).toEqual({});
    expect(parseAuditParams({ after: 'bm9wZQ' }).errors.page).toMatch(/damaged/); // base64 of "nope"
  });

  it('round-trips through the URL, leaving defaults and the cursor out when asked', () => {
    const cursor = encodeAuditCursor(new Date('2026-11-21T10:00:00.123Z'), ACTOR);
    const parsed = parseAuditParams(new URLSearchParams(auditSearch({ actor: ACTOR, action: 'users.invite', card: 'a b&c', from: '2026-11-01', tz: 'UTC', after: cursor, size: 100 }).slice(1)));
    expect(parsed).toEqual({ query: { actor: ACTOR, action: 'users.invite', card: 'a b&c', from: '2026-11-01', to: null, tz: 'UTC', after: cursor, before: null, size: 100 }, errors: {} });
    expect(auditSearch({ ...parsed.query, size: DEFAULT_AUDIT_PAGE_SIZE }, { page: false })).toBe(`?actor=${ACTOR}&action=users.invite&card=a+b%26c&from=2026-11-01&tz=UTC`);
    expect(auditSearch({})).toBe('');
    expect(filtersOf(parsed.query)).toEqual({ actor: ACTOR, action: 'users.invite', card: 'a b&c', from: '2026-11-01', to: null, tz: 'UTC' });
  });
});

describe('calendar days and zones', () => {
  it('knows real days only', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(isCalendarDay('2026-01-01T00:00')).toBe(false);
  });

  it('turns days into the half-open range of instants of those whole days in the zone', () => {
    expect(auditDateRange({ from: '2026-11-21', to: '2026-11-21' }, 'Europe/Warsaw')).toEqual({
      from: new Date('2026-11-20T23:00:00Z'),
      until: new Date('2026-11-21T23:00:00Z'),
    });
    expect(auditDateRange({ from: null, to: '2026-11-21' }, 'America/New_York')).toEqual({ from: null, until: new Date('2026-11-22T05:00:00Z') });
    // The day the clocks go forward is 23 hours long.
    const day = auditDateRange({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Warsaw');
    expect(day.until!.getTime() - day.from!.getTime()).toBe(23 * 3600_000);
    expect(() => startOfDayIn('yesterday', 'UTC')).toThrow(RangeError);
  });
});

describe('cursors', () => {
  it('round-trip the time to the millisecond and the id, and refuse anything else', () => {
    const at = new Date('2026-11-21T10:00:00.007Z');
    expect(decodeAuditCursor(encodeAuditCursor(at, ACTOR))).toEqual({ at, id: ACTOR });
    expect(decodeAuditCursor('%%%')).toBeNull();
    expect(decodeAuditCursor(btoa(`${at.toISOString()}|not-a-uuid`))).toBeNull();
    expect(decodeAuditCursor(btoa(`${at.toISOString()}|${ACTOR}|x`))).toBeNull();
  });
});

describe('describeAuditFilters', () => {
  it('says what was filtered, in words', () => {
    expect(describeAuditFilters({ actor: null, action: null, card: null, from: null, to: null, tz: null }, { timeZone: 'UTC' })).toBe('all entries');
    expect(
      describeAuditFilters(
        { actor: ACTOR, action: 'cards.lock', card: 'travel', from: '2026-11-01', to: '2026-11-21', tz: null },
        { actionLabel: 'Card locked', actorName: 'Anna Nowak', cardLabels: ['Travel (Jan Smith)'], timeZone: 'Europe/Warsaw' },
      ),
    ).toBe('action “Card locked”, by Anna Nowak, on card “Travel (Jan Smith)”, from 2026-11-01 to 2026-11-21 (Europe/Warsaw)');
    expect(describeAuditFilters({ actor: SYSTEM_ACTOR, action: null, card: null, from: null, to: '2026-11-21', tz: null }, { timeZone: 'UTC' })).toBe('by the panel itself, until 2026-11-21 (UTC)');
  });
});
