import { formatMinorAsInput, formatMoney } from '@/lib/money';
import { localDate } from '@/lib/approvals/validity';

// Display helpers shared by the cards list and the card page. Deterministic (fixed locale and zone),
// so the server render and the browser's re-render print the same text.

export function money(minor: string | null, currency: string | null): string {
  if (minor === null) return '—';
  const value = BigInt(minor);
  return currency ? formatMoney(value, currency) : formatMinorAsInput(value, 'EUR');
}

export function validity(start: string | null, end: string | null, timezone: string | null): string {
  if (!start || !end) return '—';
  const zone = timezone ?? 'UTC';
  return `${localDate(new Date(start), zone)} – ${localDate(new Date(end), zone)}`;
}

const stamps = new Map<string, Intl.DateTimeFormat>();

export function dateTime(iso: string, timeZone: string): string {
  let format = stamps.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    stamps.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** Spent as a share of the budget, 0–100, for the bar. */
export function spentPercent(spent: string | null, budget: string | null): number {
  if (spent === null || budget === null) return 0;
  const b = BigInt(budget);
  if (b <= 0n) return 0;
  const pct = Number((BigInt(spent) * 1000n) / b) / 10;
  return Math.max(0, Math.min(100, pct));
}
