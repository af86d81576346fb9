// Periodic limits count spend per local calendar window of the approval's time zone, so a
// "daily" limit resets at local midnight and a DST day simply lasts 23 or 25 hours.
import { tz } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, startOfDay, startOfISOWeek, startOfMonth } from 'date-fns';
import type { TimeUnit } from './types';

type ZoneOption = { in: ReturnType<typeof tz> };

const WINDOWS = {
  daily: { start: startOfDay, next: (start, o) => addDays(start, 1, o) },
  // ISO week: Monday to Sunday, whatever the locale.
  weekly: { start: startOfISOWeek, next: (start, o) => addWeeks(start, 1, o) },
  monthly: { start: startOfMonth, next: (start, o) => addMonths(start, 1, o) },
} satisfies Record<TimeUnit, { start: (at: Date, o: ZoneOption) => Date; next: (start: Date, o: ZoneOption) => Date }>;

export interface Window {
  /** First instant of the window (inclusive). */
  start: Date;
  /** First instant of the next window (exclusive). */
  end: Date;
}

/** The window of `unit` in `timezone` that contains `at`, as plain UTC instants. */
export function windowBounds(at: Date, unit: TimeUnit, timezone: string): Window {
  const zone = { in: tz(assertTimeZone(timezone)) };
  const start = WINDOWS[unit].start(at, zone);
  // Re-anchor: where midnight does not exist the start is 01:00, and one day later is not
  // the next day's start.
  const end = WINDOWS[unit].start(WINDOWS[unit].next(start, zone), zone);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

export function windowStart(at: Date, unit: TimeUnit, timezone: string): Date {
  return windowBounds(at, unit, timezone).start;
}

export function windowEnd(at: Date, unit: TimeUnit, timezone: string): Date {
  return windowBounds(at, unit, timezone).end;
}

export function isInWindow(instant: Date, window: Window): boolean {
  return instant >= window.start && instant < window.end;
}

const knownZones = new Set<string>();

/** date-fns yields an Invalid Date for an unknown zone; fail loudly instead. */
function assertTimeZone(timezone: string): string {
  if (knownZones.has(timezone)) return timezone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new RangeError(`Unknown IANA time zone "${timezone}"`);
  }
  knownZones.add(timezone);
  return timezone;
}
