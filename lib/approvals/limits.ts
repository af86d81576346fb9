import { formatMoney, parseAmount } from '@/lib/money';
import { TIME_UNITS, type LimitType, type TimeUnit } from '@/lib/sparados/schemas/approvals';

// The four spending limits of an approval as the panel shows and edits them. Client-safe: the
// assign form, the card page's edit form, the CSV import and the server all use this one model.

export const LIMIT_KINDS = ['general', 'ecommerce', 'atm', 'foreign'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** The limit `type` Sparados uses for each kind. */
export const LIMIT_API_TYPES = {
  general: 'general',
  ecommerce: 'ecommerce',
  atm: 'atm',
  foreign: 'foreign_amount',
} as const satisfies Record<LimitKind, LimitType>;

export const LIMIT_LABELS = {
  general: 'General',
  ecommerce: 'Online',
  atm: 'ATM',
  foreign: 'Foreign',
} as const satisfies Record<LimitKind, string>;

export const LIMIT_HINTS = {
  general: 'Caps all spending; the other limits cannot go above it.',
  ecommerce: 'Online and card-not-present payments.',
  atm: 'Cash withdrawals.',
  foreign: 'Payments in another currency, counted in the account currency.',
} as const satisfies Record<LimitKind, string>;

export const PERIODS = TIME_UNITS;
export type Period = TimeUnit;

export const PERIOD_LABELS = { daily: 'per day', weekly: 'per week', monthly: 'per month' } as const satisfies Record<Period, string>;
const PERIOD_DAYS = { daily: 1, weekly: 7, monthly: 31 } as const satisfies Record<Period, number>;

export const LIMIT_MODES = ['unlimited', 'disabled', 'amount'] as const;
export type LimitMode = (typeof LIMIT_MODES)[number];

/** What the limits editor holds: the amount stays the typed text until the form is parsed. */
export interface LimitFormValue {
  mode: LimitMode;
  amount: string;
  period: Period;
}
export type LimitsFormValue = Record<LimitKind, LimitFormValue>;

/** A parsed limit: Sparados' null (unlimited), 0 (disabled) or an amount per period. */
export type LimitValue = { mode: 'unlimited' } | { mode: 'disabled' } | { mode: 'amount'; amountMinor: bigint; period: Period };
export type LimitsValue = Record<LimitKind, LimitValue>;

export const UNLIMITED_FORM: LimitFormValue = { mode: 'unlimited', amount: '', period: 'monthly' };

export function defaultLimitsForm(): LimitsFormValue {
  return { general: { ...UNLIMITED_FORM }, ecommerce: { ...UNLIMITED_FORM }, atm: { ...UNLIMITED_FORM }, foreign: { ...UNLIMITED_FORM } };
}

export type LimitParse = { ok: true; value: LimitValue } | { ok: false; field: 'amount' | 'period' | 'mode'; message: string };

export function parseLimitForm(form: LimitFormValue, currency: string): LimitParse {
  if (form.mode === 'unlimited') return { ok: true, value: { mode: 'unlimited' } };
  if (form.mode === 'disabled') return { ok: true, value: { mode: 'disabled' } };
  if (!(PERIODS as readonly string[]).includes(form.period)) return { ok: false, field: 'period', message: 'Choose per day, week or month' };
  // Zero would mean "disabled" to Sparados; make the person say so explicitly instead.
  const amount = parseAmount(form.amount, currency);
  if (!amount.ok) return { ok: false, field: 'amount', message: amount.message };
  return { ok: true, value: { mode: 'amount', amountMinor: amount.minor, period: form.period } };
}

/**
 * The CSV form of a limit: `unlimited` (or empty), `disabled`, or `amount:period` where the period is
 * daily/weekly/monthly (day/week/month also read).
 */
export function parseLimitCell(text: string, currency: string): { ok: true; value: LimitValue } | { ok: false; message: string } {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'unlimited') return { ok: true, value: { mode: 'unlimited' } };
  if (value === 'disabled' || value === '0') return { ok: true, value: { mode: 'disabled' } };
  const separator = value.lastIndexOf(':');
  if (separator < 0) return { ok: false, message: 'Write amount:period (e.g. 200:weekly), unlimited or disabled' };
  const periodText = value.slice(separator + 1).trim();
  const period = ({ day: 'daily', week: 'weekly', month: 'monthly' } as Record<string, Period>)[periodText] ?? periodText;
  if (!(PERIODS as readonly string[]).includes(period)) return { ok: false, message: `Unknown period "${periodText}": use daily, weekly or monthly` };
  const amount = parseAmount(text.trim().slice(0, separator), currency);
  if (!amount.ok) return { ok: false, message: amount.message };
  return { ok: true, value: { mode: 'amount', amountMinor: amount.minor, period: period as Period } };
}

/** Sparados' limit entry, or null for "unlimited" (which is sent as no entry at all). */
export function toApiLimit(kind: LimitKind, value: LimitValue): { type: LimitType; amountMinor: number; timeUnit?: Period } | null {
  if (value.mode === 'unlimited') return null;
  if (value.mode === 'disabled') return { type: LIMIT_API_TYPES[kind], amountMinor: 0 };
  if (value.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('limit amount too large');
  return { type: LIMIT_API_TYPES[kind], amountMinor: Number(value.amountMinor), timeUnit: value.period };
}

/** Back from Sparados' shape (for edits): absent = unlimited, 0 = disabled. */
export function fromApiLimit(entry: { amountMinor: number | null; timeUnit: string | null } | undefined): LimitValue {
  if (!entry || entry.amountMinor === null) return { mode: 'unlimited' };
  if (entry.amountMinor === 0) return { mode: 'disabled' };
  const period = (PERIODS as readonly string[]).includes(entry.timeUnit ?? '') ? (entry.timeUnit as Period) : 'monthly';
  return { mode: 'amount', amountMinor: BigInt(entry.amountMinor), period };
}

/** "ATM: disabled", "Online: 200.00 PLN per week". */
export function describeLimit(kind: LimitKind, value: LimitValue, currency: string): string {
  const label = LIMIT_LABELS[kind];
  if (value.mode === 'unlimited') return `${label}: unlimited`;
  if (value.mode === 'disabled') return `${label}: disabled`;
  return `${label}: ${formatMoney(value.amountMinor, currency)} ${PERIOD_LABELS[value.period]}`;
}

/**
 * Limits that can never be reached: the general limit caps every other one (API-REFERENCE §3), so a
 * limit above it over the same or a shorter window is partly dead. Over a longer window (general
 * 100/day, ATM 500/week) both can be reached and nothing is said. A disabled general limit blocks all.
 */
export function limitWarnings(limits: LimitsValue, currency: string): Array<{ field: LimitKind; message: string }> {
  const general = limits.general;
  if (general.mode === 'disabled') {
    return [{ field: 'general', message: 'The general limit is disabled: the card cannot be used for anything.' }];
  }
  if (general.mode !== 'amount') return [];
  const warnings: Array<{ field: LimitKind; message: string }> = [];
  for (const kind of LIMIT_KINDS) {
    const limit = limits[kind];
    if (kind === 'general' || limit.mode !== 'amount') continue;
    if (limit.amountMinor > general.amountMinor && PERIOD_DAYS[limit.period] <= PERIOD_DAYS[general.period]) {
      warnings.push({
        field: kind,
        message: `${describeLimit(kind, limit, currency)} is above the general limit (${formatMoney(general.amountMinor, currency)} ${PERIOD_LABELS[general.period]}), which caps it.`,
      });
    }
  }
  return warnings;
}
