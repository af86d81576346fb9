import { formatMinorAsInput, formatMoney } from '@/lib/money';
import { localDate } from '@/lib/approvals/validity';

// Display helpers shared by the cards list and the card page. Deterministic (fixed locale and zone),
// so the server render and the browser's re-render print the same text.

export function money(minor: string | null, currency: string | null): string {
  if (minor === null) return '—';
  const value = BigInt(minor);
  return currency ? formatMoney(value, currency) : formatMinorAsInput(value, 'EUR');
}

/** A spent or available amount: null means Sparados did not report it, which is not 0. */
export function amountOrUnknown(minor: string | null, currency: string | null): string {
  return minor === null ? 'unknown' : money(minor, currency);
}

/** First and last day of validity in the approval's own zone, or null when unknown. */
export function validityDates(start: string | null, end: string | null, timezone: string | null): { start: string; end: string } | null {
  if (!start || !end) return null;
  const zone = timezone ?? 'UTC';
  return { start: localDate(new Date(start), zone), end: localDate(new Date(end), zone) };
}

export function validity(start: string | null, end: string | null, timezone: string | null): string {
  const dates = validityDates(start, end, timezone);
  return dates ? `${dates.start} – ${dates.end}` : '—';
}

const STAMP_STYLES = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const stamps = new Map<string, Intl.DateTimeFormat>();

function stampFormat(kind: keyof typeof STAMP_STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = stamps.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...STAMP_STYLES[kind], timeZone });
    stamps.set(key, format);
  }
  return format;
}

export function dateTime(iso: string, timeZone: string): string {
  return stampFormat('dateTime', timeZone).format(new Date(iso));
}

/** The same moment as dateTime, split so a narrow column can print it on two lines. */
export function dateAndTime(iso: string, timeZone: string): { date: string; time: string } {
  const at = new Date(iso);
  return { date: stampFormat('date', timeZone).format(at), time: stampFormat('time', timeZone).format(at) };
}

/** Spent as a share of the budget, 0–100, for the bar. */
export function spentPercent(spent: string | null, budget: string | null): number {
  if (spent === null || budget === null) return 0;
  const b = BigInt(budget);
  if (b <= 0n) return 0;
  const pct = Number((BigInt(spent) * 1000n) / b) / 10;
  return Math.max(0, Math.min(100, pct));
}
