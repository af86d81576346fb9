import { describe, expect, it } from 'vitest';
import { isInWindow, windowBounds, windowEnd, windowStart } from './windows';

const WARSAW = 'Europe/Warsaw';
const hours = (window: { start: Date; end: Date }) => (window.end.getTime() - window.start.getTime()) / 3_600_000;
const iso = (window: { start: Date; end: Date }) => [window.start.toISOString(), window.end.toISOString()];

describe('windowBounds: daily, Europe/Warsaw', () => {
  it('starts the day at local midnight, 23:00 UTC in winter', () => {
    expect(iso(windowBounds(new Date('2025-01-15T12:00:00Z'), 'daily', WARSAW))).toEqual([
      '2025-01-14T23:00:00.000Z',
      '2025-01-15T23:00:00.000Z',
    ]);
  });

  it('starts the day at local midnight, 22:00 UTC in summer', () => {
    expect(iso(windowBounds(new Date('2025-06-11T10:00:00Z'), 'daily', WARSAW))).toEqual([
      '2025-06-10T22:00:00.000Z',
      '2025-06-11T22:00:00.000Z',
    ]);
  });

  it('puts 23:59:59.999 and 00:00 local in different days although both are the same UTC day', () => {
    const lastMoment = new Date('2025-06-10T21:59:59.999Z');
    const midnight = new Date('2025-06-10T22:00:00.000Z');
    expect(windowStart(lastMoment, 'daily', WARSAW).toISOString()).toBe('2025-06-09T22:00:00.000Z');
    expect(windowStart(midnight, 'daily', WARSAW).toISOString()).toBe('2025-06-10T22:00:00.000Z');
    expect(windowEnd(lastMoment, 'daily', WARSAW)).toEqual(midnight);
  });

  it('makes the spring-forward day (last Sunday of March) 23 hours long', () => {
    const day = windowBounds(new Date('2025-03-30T12:00:00Z'), 'daily', WARSAW);
    expect(iso(day)).toEqual(['2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
    expect(hours(day)).toBe(23);
  });

  it('makes the fall-back day (last Sunday of October) 25 hours long', () => {
    const day = windowBounds(new Date('2025-10-26T12:00:00Z'), 'daily', WARSAW);
    expect(iso(day)).toEqual(['2025-10-25T22:00:00.000Z', '2025-10-26T23:00:00.000Z']);
    expect(hours(day)).toBe(25);
    // 23:30 local on that Sunday is already 22:30 UTC, still the same local day
    expect(isInWindow(new Date('2025-10-26T22:30:00Z'), day)).toBe(true);
  });

  it('covers both occurrences of the repeated hour 02:00–03:00 on the fall-back day', () => {
    const firstTwoThirty = new Date('2025-10-26T00:30:00Z'); // 02:30 +02:00
    const secondTwoThirty = new Date('2025-10-26T01:30:00Z'); // 02:30 +01:00
    expect(windowStart(firstTwoThirty, 'daily', WARSAW)).toEqual(windowStart(secondTwoThirty, 'daily', WARSAW));
  });
});

describe('windowBounds: weekly (ISO week, Monday start)', () => {
  it('starts on Monday at local midnight', () => {
    // Wednesday 11 June 2025 → Monday 9 June 00:00 Warsaw
    expect(iso(windowBounds(new Date('2025-06-11T10:00:00Z'), 'weekly', WARSAW))).toEqual([
      '2025-06-08T22:00:00.000Z',
      '2025-06-15T22:00:00.000Z',
    ]);
  });

  it('keeps Sunday 23:59 local in the old week and Monday 00:00 local in the new one', () => {
    const sundayNight = new Date('2025-06-15T21:59:59.999Z');
    const mondayMidnight = new Date('2025-06-15T22:00:00.000Z');
    expect(windowStart(sundayNight, 'weekly', WARSAW).toISOString()).toBe('2025-06-08T22:00:00.000Z');
    expect(windowStart(mondayMidnight, 'weekly', WARSAW).toISOString()).toBe('2025-06-15T22:00:00.000Z');
  });

  it('spans a year boundary: 1 January 2025 (Wednesday) belongs to the week of Monday 30 December 2024', () => {
    expect(windowStart(new Date('2025-01-01T12:00:00Z'), 'weekly', WARSAW).toISOString()).toBe(
      '2024-12-29T23:00:00.000Z',
    );
  });

  it('is 167 hours over spring-forward and 169 hours over fall-back', () => {
    const spring = windowBounds(new Date('2025-03-27T12:00:00Z'), 'weekly', WARSAW);
    expect(iso(spring)).toEqual(['2025-03-23T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
    expect(hours(spring)).toBe(167);
    const fall = windowBounds(new Date('2025-10-22T12:00:00Z'), 'weekly', WARSAW);
    expect(iso(fall)).toEqual(['2025-10-19T22:00:00.000Z', '2025-10-26T23:00:00.000Z']);
    expect(hours(fall)).toBe(169);
  });
});

describe('windowBounds: monthly (calendar month)', () => {
  it('starts on the 1st at local midnight', () => {
    expect(iso(windowBounds(new Date('2025-06-11T10:00:00Z'), 'monthly', WARSAW))).toEqual([
      '2025-05-31T22:00:00.000Z',
      '2025-06-30T22:00:00.000Z',
    ]);
  });

  it('puts 31 January 23:59 local in January and 1 February 00:00 local in February', () => {
    const lastMoment = new Date('2025-01-31T22:59:59.999Z');
    const firstMoment = new Date('2025-01-31T23:00:00.000Z');
    expect(windowStart(lastMoment, 'monthly', WARSAW).toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(windowStart(firstMoment, 'monthly', WARSAW).toISOString()).toBe('2025-01-31T23:00:00.000Z');
  });

  it('handles February of a leap year', () => {
    expect(iso(windowBounds(new Date('2024-02-29T12:00:00Z'), 'monthly', WARSAW))).toEqual([
      '2024-01-31T23:00:00.000Z',
      '2024-02-29T23:00:00.000Z',
    ]);
  });

  it('starts and ends at different UTC offsets in the months holding a DST change', () => {
    expect(iso(windowBounds(new Date('2025-03-15T12:00:00Z'), 'monthly', WARSAW))).toEqual([
      '2025-02-28T23:00:00.000Z',
      '2025-03-31T22:00:00.000Z',
    ]);
    expect(iso(windowBounds(new Date('2025-10-15T12:00:00Z'), 'monthly', WARSAW))).toEqual([
      '2025-09-30T22:00:00.000Z',
      '2025-10-31T23:00:00.000Z',
    ]);
  });
});

describe('windowBounds: other zones', () => {
  it('follows the approval zone, not UTC or the host zone', () => {
    const at = new Date('2025-06-11T03:00:00Z'); // still 10 June in New York, 11 June in Tokyo
    expect(windowStart(at, 'daily', 'America/New_York').toISOString()).toBe('2025-06-10T04:00:00.000Z');
    expect(windowStart(at, 'daily', 'Asia/Tokyo').toISOString()).toBe('2025-06-10T15:00:00.000Z');
    expect(windowStart(at, 'daily', 'Asia/Kolkata').toISOString()).toBe('2025-06-10T18:30:00.000Z');
    expect(windowStart(at, 'daily', 'UTC').toISOString()).toBe('2025-06-11T00:00:00.000Z');
  });

  it('starts a day whose midnight does not exist at the first existing instant', () => {
    // Chile moved clocks from 00:00 to 01:00 on 8 September 2024
    expect(iso(windowBounds(new Date('2024-09-08T15:00:00Z'), 'daily', 'America/Santiago'))).toEqual([
      '2024-09-08T04:00:00.000Z',
      '2024-09-09T03:00:00.000Z',
    ]);
  });

  it('refuses a name that is not an IANA time zone', () => {
    expect(() => windowStart(new Date(), 'daily', 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => windowStart(new Date(), 'daily', '')).toThrow(RangeError);
  });
});

describe('isInWindow', () => {
  it('includes the start and excludes the end', () => {
    const window = { start: new Date('2025-06-10T22:00:00Z'), end: new Date('2025-06-11T22:00:00Z') };
    expect(isInWindow(window.start, window)).toBe(true);
    expect(isInWindow(new Date(window.end.getTime() - 1), window)).toBe(true);
    expect(isInWindow(window.end, window)).toBe(false);
    expect(isInWindow(new Date(window.start.getTime() - 1), window)).toBe(false);
  });
});
