import { TZDate } from '@date-fns/tz';
import { isCurrencyCode, parseAmount } from '@/lib/money';

// The transactions list's filters, tab and page as URL search parameters: a link or a reload shows
// the same list, and the export and the "newer than" poll read the same URL. Client-safe. Bad values
// fall back to "no filter" instead of failing, so a mistyped link still shows transactions; amounts
// are the exception (kept as typed and reported beside the field, since ignoring one silently would
// show a wrong total).

export const TRANSACTION_TABS = ['all', 'pending', 'settled', 'declined', 'reversed'] as const;
export type TransactionTab = (typeof TRANSACTION_TABS)[number];

/** Which mirror statuses each tab shows (null: all of them, UNKNOWN included). */
export const TAB_STATUSES = {
  all: null,
  pending: ['AUTHORIZED'],
  settled: ['CLEARED'],
  declined: ['DECLINED'],
  reversed: ['REVERSED'],
} as const satisfies Record<TransactionTab, readonly string[] | null>;

export const TAB_LABELS = {
  all: 'All',
  pending: 'Pending',
  settled: 'Settled',
  declined: 'Declined',
  reversed: 'Reversed',
} as const satisfies Record<TransactionTab, string>;

/** Types THC sends today; the filter also accepts any other upper-case type, which the mirror keeps raw. */
export const KNOWN_TRANSACTION_TYPES = ['PURCHASE', 'WITHDRAWAL', 'REFUND', 'PAYMENT', 'FEE'] as const;

export const MERCHANT_MATCHES = ['contains', 'prefix'] as const;
export type MerchantMatch = (typeof MERCHANT_MATCHES)[number];

export const TRANSACTION_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

export interface TransactionFilters {
  tab: TransactionTab;
  /** Local calendar days (YYYY-MM-DD) in the display time zone, both inclusive. */
  from: string | null;
  to: string | null;
  types: string[];
  /** The panel's Card id. */
  card: string | null;
  /** The panel's Cardholder id. */
  holder: string | null;
  /** Free text matched against cardholders and cards (name, e-mail, phone, description, last four digits). */
  who: string;
  merchant: string;
  merchantMatch: MerchantMatch;
  /** Key of a named MCC category (Settings). */
  category: string | null;
  mcc: string | null;
  reason: string | null;
  /** The currency the payment was made in. */
  currency: string | null;
  /** Amounts as typed, in major units of `currency` (or of the account currency without one). */
  min: string;
  max: string;
}

export interface TransactionListQuery extends TransactionFilters {
  after: string | null;
  before: string | null;
  size: number;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPE = /^[A-Z_]{1,30}$/;
const CATEGORY = /^[a-z0-9_-]{1,40}$/;
const REASON = /^[A-Z_]{1,40}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 2000 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clip(value: string, max: number): string {
  return value.trim().slice(0, max);
}

export function parseTransactionParams(params: Params): TransactionListQuery {
  const first = (name: string) => read(params, name)[0] ?? '';
  const tab = first('tab');
  const types = read(params, 'type')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toUpperCase())
    .filter((v) => TYPE.test(v));
  const from = first('from');
  const to = first('to');
  const size = Number.parseInt(first('size'), 10);
  const currency = first('currency').trim().toUpperCase();
  const match = first('mm');
  const mcc = first('mcc').trim();
  return {
    tab: (TRANSACTION_TABS as readonly string[]).includes(tab) ? (tab as TransactionTab) : 'all',
    from: isCalendarDay(from) ? from : null,
    to: isCalendarDay(to) ? to : null,
    types: [...new Set(types)],
    card: UUID.test(first('card')) ? first('card').toLowerCase() : null,
    holder: UUID.test(first('holder')) ? first('holder').toLowerCase() : null,
    who: clip(first('who'), 100),
    merchant: clip(first('merchant'), 100),
    merchantMatch: (MERCHANT_MATCHES as readonly string[]).includes(match) ? (match as MerchantMatch) : 'contains',
    category: CATEGORY.test(first('category')) ? first('category') : null,
    mcc: /^\d{4}$/.test(mcc) ? mcc : null,
    reason: REASON.test(first('reason')) ? first('reason') : null,
    currency: isCurrencyCode(currency) ? currency : null,
    min: clip(first('min'), 40),
    max: clip(first('max'), 40),
    after: CURSOR.test(first('after')) ? first('after') : null,
    before: CURSOR.test(first('before')) ? first('before') : null,
    size: (TRANSACTION_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** The filters alone: what the export, the totals and the "newer than" poll take. */
export function filtersOf(query: TransactionListQuery): TransactionFilters {
  const { after: _after, before: _before, size: _size, ...filters } = query;
  return filters;
}

/**
 * The URL search string for a query, defaults left out so links stay short. Pass `page: false` to
 * drop the cursor (a changed filter starts again at the newest transaction).
 */
export function transactionSearch(query: Partial<TransactionListQuery>, options: { page?: boolean } = {}): string {
  const out = new URLSearchParams();
  if (query.tab && query.tab !== 'all') out.set('tab', query.tab);
  if (query.from) out.set('from', query.from);
  if (query.to) out.set('to', query.to);
  if (query.types?.length) out.set('type', query.types.join(','));
  if (query.card) out.set('card', query.card);
  if (query.holder) out.set('holder', query.holder);
  if (query.who) out.set('who', query.who);
  if (query.merchant) out.set('merchant', query.merchant);
  if (query.merchant && query.merchantMatch === 'prefix') out.set('mm', 'prefix');
  if (query.category) out.set('category', query.category);
  if (query.mcc) out.set('mcc', query.mcc);
  if (query.reason) out.set('reason', query.reason);
  if (query.currency) out.set('currency', query.currency);
  if (query.min) out.set('min', query.min);
  if (query.max) out.set('max', query.max);
  if (query.size && query.size !== DEFAULT_PAGE_SIZE) out.set('size', String(query.size));
  if (options.page !== false) {
    if (query.after) out.set('after', query.after);
    else if (query.before) out.set('before', query.before);
  }
  const search = out.toString();
  return search ? `?${search}` : '';
}

/** How many filters narrow the list (the tab and paging not counted), for a "3 filters" hint. */
export function activeFilterCount(filters: TransactionFilters): number {
  return [
    filters.from,
    filters.to,
    filters.types.length > 0,
    filters.card,
    filters.holder,
    filters.who,
    filters.merchant,
    filters.category,
    filters.mcc,
    filters.reason,
    filters.currency,
    filters.min,
    filters.max,
  ].filter(Boolean).length;
}

// ---- amounts ----

export interface AmountRange {
  /** Inclusive bounds on the payment's size (its absolute value), in minor units of `currency`. */
  minMinor: bigint | null;
  maxMinor: bigint | null;
  /** The currency the bounds are in. */
  currency: string;
  /** Messages keyed by field, for amounts that could not be read (those bounds are left out). */
  errors: Partial<Record<'min' | 'max', string>>;
}

/**
 * The typed bounds in minor units. They are in the filter's currency when one is chosen (the amount
 * the payment was made in), else in the account currency (the amount charged to the card).
 */
export function resolveAmountRange(filters: Pick<TransactionFilters, 'min' | 'max' | 'currency'>, accountCurrency: string): AmountRange {
  const currency = filters.currency ?? accountCurrency;
  const errors: AmountRange['errors'] = {};
  const bound = (field: 'min' | 'max'): bigint | null => {
    const text = filters[field];
    if (!text) return null;
    const parsed = parseAmount(text, currency, { allowZero: true });
    if (parsed.ok) return parsed.minor;
    errors[field] = parsed.message;
    return null;
  };
  const minMinor = bound('min');
  const maxMinor = bound('max');
  if (minMinor !== null && maxMinor !== null && minMinor > maxMinor) {
    errors.max = 'The largest amount must not be below the smallest';
    return { minMinor, maxMinor: null, currency, errors };
  }
  return { minMinor, maxMinor, currency, errors };
}

// ---- dates ----

/** The first instant of a calendar day in a time zone. */
export function startOfLocalDay(day: string, timeZone: string, addDays = 0): Date {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`Not a calendar day: ${day}`);
  return new Date(new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays, timeZone).getTime());
}

/** The date filter as a half-open instant range [from, until): the whole of both days in `timeZone`. */
export function dateRange(filters: Pick<TransactionFilters, 'from' | 'to'>, timeZone: string): { from: Date | null; until: Date | null } {
  return {
    from: filters.from ? startOfLocalDay(filters.from, timeZone) : null,
    until: filters.to ? startOfLocalDay(filters.to, timeZone, 1) : null,
  };
}

// ---- keyset cursors: the occurredAt and id of the row a page starts after ----

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodeTransactionCursor(occurredAt: Date, id: string): string {
  return toBase64Url(`${occurredAt.toISOString()}|${id}`);
}

export function decodeTransactionCursor(cursor: string): { occurredAt: Date; id: string } | null {
  try {
    const [iso, id] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('|');
    const occurredAt = new Date(iso ?? '');
    if (Number.isNaN(occurredAt.getTime()) || !id || !UUID.test(id)) return null;
    return { occurredAt, id: id.toLowerCase() };
  } catch {
    return null;
  }
}
