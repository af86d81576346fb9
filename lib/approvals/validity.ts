import { TZDate } from '@date-fns/tz';

// Validity dates as people type them ("2026-12-31", "2026-12-31T18:00") are wall-clock times in the
// approval's time zone; Sparados wants instants. Client-safe: the assign form, the server and the
// CSV import all read dates through here, so they agree on what "31 December" means.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
// An instant with its own offset is taken as sent: the zone then only names the local calendar.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the runtime knows (for the picker), UTC first. */
export function timeZoneNames(): string[] {
  const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...names.filter((name) => name !== 'UTC')];
}

export type DateEdge = 'start' | 'end';

export type ParsedInstant = { ok: true; instant: Date } | { ok: false; message: string };

function validCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A typed date (or date and time) in `timeZone` as an instant. A bare date means the first
 * millisecond of that day for a start and the last one for an end, so "1–31 March" covers the whole
 * of 31 March in the cardholder's zone.
 */
export function parseValidityDate(text: string, timeZone: string, edge: DateEdge): ParsedInstant {
  const value = text.trim();
  if (value === '') return { ok: false, message: edge === 'start' ? 'Enter the start date' : 'Enter the end date' };
  if (INSTANT.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? { ok: false, message: 'Enter a real date' } : { ok: true, instant };
  }
  const date = DATE.exec(value);
  const dateTime = date ? null : LOCAL_DATE_TIME.exec(value);
  const parts = date ?? dateTime;
  if (!parts) return { ok: false, message: 'Use the form YYYY-MM-DD (optionally with a time, HH:MM)' };
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (!validCalendarDate(year, month, day)) return { ok: false, message: 'Enter a real date' };
  if (!isTimeZone(timeZone)) return { ok: false, message: 'Choose a time zone first' };
  if (date) {
    const instant =
      edge === 'start'
        ? new TZDate(year, month - 1, day, 0, 0, 0, 0, timeZone)
        : new TZDate(year, month - 1, day, 23, 59, 59, 999, timeZone);
    return { ok: true, instant: new Date(instant.getTime()) };
  }
  const [hour, minute, second] = [Number(parts[4]), Number(parts[5]), Number(parts[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: 'Enter a real time of day' };
  return { ok: true, instant: new Date(new TZDate(year, month - 1, day, hour, minute, second, 0, timeZone).getTime()) };
}

/** The calendar date of an instant in a zone, as YYYY-MM-DD (for defaults and for display). */
export function localDate(instant: Date, timeZone: string): string {
  const zoned = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${zoned.getFullYear()}-${pad(zoned.getMonth() + 1)}-${pad(zoned.getDate())}`;
}
