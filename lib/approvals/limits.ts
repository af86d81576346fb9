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

/**
 * Seed 001: a limit left out gets "the card issuing service's default values", 0 disables it (never
 * for the general limit: "amount in minor or null"), an amount limits it per period. There is no
 * "unlimited" the panel can ask for: leaving a limit out means whatever Sparados' default is
 * (docs/decisions/116).
 */
export const LIMIT_MODES = ['default', 'disabled', 'amount'] as const;
export type LimitMode = (typeof LIMIT_MODES)[number];

/** The modes a limit kind accepts: the general limit cannot be disabled. */
export function limitModesOf(kind: LimitKind): readonly LimitMode[] {
  return kind === 'general' ? ['default', 'amount'] : LIMIT_MODES;
}

/** What the limits editor holds: the amount stays the typed text until the form is parsed. */
export interface LimitFormValue {
  mode: LimitMode;
  amount: string;
  period: Period;
}
export type LimitsFormValue = Record<LimitKind, LimitFormValue>;

/** A parsed limit: left out (Sparados' default), 0 (disabled) or an amount per period. */
export type LimitValue = { mode: 'default' } | { mode: 'disabled' } | { mode: 'amount'; amountMinor: bigint; period: Period };
export type LimitsValue = Record<LimitKind, LimitValue>;

export const DEFAULT_LIMIT_FORM: LimitFormValue = { mode: 'default', amount: '', period: 'monthly' };

export function defaultLimitsForm(): LimitsFormValue {
  return { general: { ...DEFAULT_LIMIT_FORM }, ecommerce: { ...DEFAULT_LIMIT_FORM }, atm: { ...DEFAULT_LIMIT_FORM }, foreign: { ...DEFAULT_LIMIT_FORM } };
}

export const GENERAL_NOT_DISABLED = 'The general limit cannot be disabled: give an amount, or leave it to Sparados\' default';

export type LimitParse = { ok: true; value: LimitValue } | { ok: false; field: 'amount' | 'period' | 'mode'; message: string };

export function parseLimitForm(kind: LimitKind, form: LimitFormValue, currency: string): LimitParse {
  if (form.mode === 'default') return { ok: true, value: { mode: 'default' } };
  if (form.mode === 'disabled') {
    return kind === 'general' ? { ok: false, field: 'mode', message: GENERAL_NOT_DISABLED } : { ok: true, value: { mode: 'disabled' } };
  }
  if (!(PERIODS as readonly string[]).includes(form.period)) return { ok: false, field: 'period', message: 'Choose per day, week or month' };
  // Zero would mean "disabled" to Sparados; make the person say so explicitly instead.
  const amount = parseAmount(form.amount, currency);
  if (!amount.ok) return { ok: false, field: 'amount', message: amount.message };
  return { ok: true, value: { mode: 'amount', amountMinor: amount.minor, period: form.period } };
}

const PERIOD_ALIASES: Record<string, Period> = { day: 'daily', week: 'weekly', month: 'monthly' };

/**
 * The CSV form of a limit as the editor's value: empty or `default` (Sparados' default), `disabled`
 * (or 0), or `amount:period` where the period is daily/weekly/monthly (day/week/month also read). Only
 * the syntax is checked here; the amount is parsed with the rest of the rules.
 */
export function limitCellToForm(kind: LimitKind, text: string): { form: LimitFormValue } | { error: string } {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'default') return { form: { ...DEFAULT_LIMIT_FORM } };
  if (value === 'unlimited') return { error: 'Sparados has no "unlimited": leave the cell empty (or write default) for Sparados\' default limit' };
  if (value === 'disabled' || value === '0') return kind === 'general' ? { error: GENERAL_NOT_DISABLED } : { form: { ...DEFAULT_LIMIT_FORM, mode: 'disabled' } };
  const separator = value.lastIndexOf(':');
  if (separator < 0) return { error: 'Write amount:period (e.g. 200:weekly), default or disabled' };
  const periodText = value.slice(separator + 1).trim();
  const period = PERIOD_ALIASES[periodText] ?? periodText;
  if (!(PERIODS as readonly string[]).includes(period)) return { error: `Unknown period "${periodText}": use daily, weekly or monthly` };
  return { form: { mode: 'amount', amount: text.trim().slice(0, separator).trim(), period: period as Period } };
}

/**
 * The time unit sent with a limit that has none of its own (disabled limits, MCC rules): seed 001 makes
 * `timeUnit` required on every limit object, and a disabled limit has no period. **Decision**: monthly.
 */
export const NEUTRAL_TIME_UNIT: Period = 'monthly';

/** Sparados' limit entry (type, amountMinor and timeUnit, always all three), or null when left to Sparados' default. */
export function toApiLimit(kind: LimitKind, value: LimitValue): { type: LimitType; amountMinor: number; timeUnit: Period } | null {
  if (value.mode === 'default') return null;
  if (value.mode === 'disabled') return { type: LIMIT_API_TYPES[kind], amountMinor: 0, timeUnit: NEUTRAL_TIME_UNIT };
  if (value.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('limit amount too large');
  return { type: LIMIT_API_TYPES[kind], amountMinor: Number(value.amountMinor), timeUnit: value.period };
}

/** Back from Sparados' shape (for edits): absent or null = Sparados' default, 0 = disabled. */
export function fromApiLimit(entry: { amountMinor: number | null; timeUnit: string | null } | undefined): LimitValue {
  if (!entry || entry.amountMinor === null) return { mode: 'default' };
  if (entry.amountMinor === 0) return { mode: 'disabled' };
  const period = (PERIODS as readonly string[]).includes(entry.timeUnit ?? '') ? (entry.timeUnit as Period) : 'monthly';
  return { mode: 'amount', amountMinor: BigInt(entry.amountMinor), period };
}

/** "ATM: disabled", "Online: 200.00 PLN per week". */
export function describeLimit(kind: LimitKind, value: LimitValue, currency: string): string {
  const label = LIMIT_LABELS[kind];
  if (value.mode === 'default') return `${label}: Sparados default`;
  if (value.mode === 'disabled') return `${label}: disabled`;
  return `${label}: ${formatMoney(value.amountMinor, currency)} ${PERIOD_LABELS[value.period]}`;
}

/**
 * Limits that can never be reached: the general limit caps every other one (API-REFERENCE §3), so a
 * limit above it over the same or a shorter window is partly dead. Over a longer window (general
 * 100/day, ATM 500/week) both can be reached and nothing is said.
 */
export function limitWarnings(limits: LimitsValue, currency: string): Array<{ field: LimitKind; message: string }> {
  const general = limits.general;
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
