import { formatMinorAsInput, formatMoney, isCurrencyCode } from '@/lib/money';

// An audit entry's before and after snapshots side by side, one row per leaf value (nested objects
// become dotted paths), for the audit log's expandable diff and nothing else. Client-safe and pure.
// Amounts are stored as minor units under keys ending in "Minor" (lib/audit/json.ts keeps BigInt as
// decimal strings); they are shown in major units, with the currency when the snapshot names one
// (a `currency` key beside the amount or at the top of either snapshot).

export type DiffChange = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  path: string;
  /** Display text; null when the snapshot has no such key. */
  before: string | null;
  after: string | null;
  change: DiffChange;
  /** For a changed amount: the signed difference, formatted ("+300.00 PLN"). */
  delta?: string;
}

interface Leaf {
  value: unknown;
  currency: string | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const INTEGER = /^-?\d{1,30}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function currencyOf(value: Record<string, unknown>): string | null {
  const c = value.currency;
  return typeof c === 'string' && isCurrencyCode(c.toUpperCase()) ? c.toUpperCase() : null;
}

function flatten(value: unknown, path: string, currency: string | null, out: Map<string, Leaf>): void {
  if (isPlainObject(value)) {
    const own = currencyOf(value) ?? currency;
    const entries = Object.entries(value);
    if (entries.length === 0 && path) out.set(path, { value: {}, currency: own });
    for (const [key, item] of entries) flatten(item, path ? `${path}.${key}` : key, own, out);
    return;
  }
  // Lists of objects (limit rules, MCC entries) read better item by item; lists of plain values as one line.
  if (Array.isArray(value) && value.some((item) => isPlainObject(item) || Array.isArray(item))) {
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, currency, out));
    if (value.length === 0) out.set(path, { value, currency });
    return;
  }
  out.set(path || '(value)', { value, currency });
}

function minorOf(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && INTEGER.test(value)) return BigInt(value);
  return null;
}

const isMoneyPath = (path: string) => /Minor$/.test(path.split('.').at(-1) ?? '');

function money(minor: bigint, currency: string | null): string {
  // Without a currency, two decimals: the case for every currency Sparados accounts use today.
  return currency ? formatMoney(minor, currency) : formatMinorAsInput(minor, 'EUR');
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

function instant(iso: string, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone });
    instantFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

function display(path: string, leaf: Leaf, timeZone: string | undefined): string {
  const { value, currency } = leaf;
  if (value === null || value === undefined) return 'empty';
  if (isMoneyPath(path)) {
    const minor = minorOf(value);
    if (minor !== null) return money(minor, currency);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (timeZone && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return instant(value, timeZone);
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ') : 'none';
  return JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Rows for every path in either snapshot, in the order they first appear (before's keys, then keys
 * only after has). `timeZone` formats ISO instants for reading; without it they stay as stored.
 */
export function diffSnapshots(before: unknown, after: unknown, options: { timeZone?: string } = {}): DiffRow[] {
  const eventCurrency =
    (isPlainObject(after) ? currencyOf(after) : null) ?? (isPlainObject(before) ? currencyOf(before) : null);
  const left = new Map<string, Leaf>();
  const right = new Map<string, Leaf>();
  if (before !== null && before !== undefined) flatten(before, '', eventCurrency, left);
  if (after !== null && after !== undefined) flatten(after, '', eventCurrency, right);

  const paths = [...new Set([...left.keys(), ...right.keys()])];
  return paths.map((path) => {
    const l = left.get(path);
    const r = right.get(path);
    const change: DiffChange = !l ? 'added' : !r ? 'removed' : same(l.value, r.value) ? 'same' : 'changed';
    const row: DiffRow = {
      path,
      before: l ? display(path, l, options.timeZone) : null,
      after: r ? display(path, r, options.timeZone) : null,
      change,
    };
    if (change === 'changed' && isMoneyPath(path)) {
      const from = minorOf(l!.value);
      const to = minorOf(r!.value);
      // Only when both sides are in one currency: a difference across currencies means nothing.
      if (from !== null && to !== null && l!.currency === r!.currency) {
        const diff = to - from;
        row.delta = `${diff > 0n ? '+' : ''}${money(diff, r!.currency)}`;
      }
    }
    return row;
  });
}

/** Whether an entry has anything to compare. */
export function hasSnapshots(before: unknown, after: unknown): boolean {
  return (before !== null && before !== undefined) || (after !== null && after !== undefined);
}
