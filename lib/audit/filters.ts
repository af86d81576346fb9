import { TZDate } from '@date-fns/tz';

// The audit log's filters and page as URL search parameters, shared by the page, the filter form and
// the CSV export. Client-safe and pure. Unlike the lists that quietly drop a bad value, the audit log
// parses strictly: an ignored filter would show (or export) entries the reader did not ask for, so a
// value that cannot be read is reported beside its field and nothing is listed until it is fixed.

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_AUDIT_PAGE_SIZE = 50;

/** The actor filter value for entries written by the panel itself (sync, reconciler): no person. */
export const SYSTEM_ACTOR = 'system';

export interface AuditFilters {
  /** An admin user's id, or SYSTEM_ACTOR. */
  actor: string | null;
  /** One dotted action name, e.g. "cards.lock". */
  action: string | null;
  /** As typed: a card id, an approval id (panel or Sparados), or text matched against cards. */
  card: string | null;
  /** Calendar days (YYYY-MM-DD) in `tz`, both inclusive. */
  from: string | null;
  to: string | null;
  /** The IANA zone the days are read in; null means the panel's display zone. */
  tz: string | null;
}

export interface AuditQuery extends AuditFilters {
  /** Keyset cursors: the page of older entries after this one, or of newer ones before it. */
  after: string | null;
  before: string | null;
  size: number;
}

export type AuditFilterField = keyof AuditFilters | 'page' | 'size';
export type AuditFilterErrors = Partial<Record<AuditFilterField, string>>;

export interface ParsedAuditQuery {
  query: AuditQuery;
  errors: AuditFilterErrors;
}

/** Errors that make the filtered set unknowable: nothing is listed or exported while one stands. */
export function blockingErrors(errors: AuditFilterErrors): AuditFilterErrors {
  const { page: _page, size: _size, ...rest } = errors;
  return rest;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function values(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+){1,3}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A real calendar day written as YYYY-MM-DD (no 2026-02-30, no 2026-2-3). */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isTimeZoneName(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the URL. Every parameter is taken once (a repeated one is an error, not a silent pick) and
 * kept as typed in `query` so the form can show it back with its error.
 */
export function parseAuditParams(params: Params): ParsedAuditQuery {
  const errors: AuditFilterErrors = {};
  const one = (name: string, field: AuditFilterField): string | null => {
    const list = values(params, name).map((v) => v.trim());
    const present = list.filter((v) => v !== '');
    if (present.length > 1) errors[field] = `Give one ${name}, not ${present.length}`;
    return present[0] ?? null;
  };

  const actor = one('actor', 'actor');
  if (actor !== null && actor !== SYSTEM_ACTOR && !UUID.test(actor)) errors.actor ??= 'Not a known person';

  const action = one('action', 'action');
  if (action !== null && !ACTION.test(action)) errors.action ??= 'Not an action name';

  const card = one('card', 'card');
  if (card !== null && card.length > 100) errors.card ??= 'At most 100 characters';

  const tz = one('tz', 'tz');
  if (tz !== null && !isTimeZoneName(tz)) errors.tz ??= `Not a time zone: ${tz}`;

  const from = one('from', 'from');
  // The date field cannot show back a value it cannot read, so the message quotes it.
  if (from !== null && !isCalendarDay(from)) errors.from ??= `“${from.slice(0, 20)}” is not a date; use YYYY-MM-DD`;
  const to = one('to', 'to');
  if (to !== null && !isCalendarDay(to)) errors.to ??= `“${to.slice(0, 20)}” is not a date; use YYYY-MM-DD`;
  if (from && to && !errors.from && !errors.to && to < from) errors.to = 'The end date is before the start date';

  const after = one('after', 'page');
  const before = one('before', 'page');
  if ((after !== null && !CURSOR.test(after)) || (before !== null && !CURSOR.test(before)) || (after !== null && before !== null)) {
    errors.page ??= 'This page link is damaged; start again from the newest entries';
  } else if ((after && !decodeAuditCursor(after)) || (before && !decodeAuditCursor(before))) {
    errors.page = 'This page link is damaged; start again from the newest entries';
  }

  const sizeText = one('size', 'size');
  const size = sizeText === null ? DEFAULT_AUDIT_PAGE_SIZE : Number(sizeText);
  if (!(AUDIT_PAGE_SIZES as readonly number[]).includes(size)) errors.size ??= `Page size must be one of ${AUDIT_PAGE_SIZES.join(', ')}`;

  return {
    query: {
      actor: actor === null || actor === SYSTEM_ACTOR ? actor : actor.toLowerCase(),
      action,
      card,
      from,
      to,
      tz,
      // A damaged page link falls back to the newest entries (reported, but nothing is hidden by it).
      after: errors.page ? null : after,
      before: errors.page ? null : before,
      size: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_AUDIT_PAGE_SIZE,
    },
    errors,
  };
}

export function filtersOf(query: AuditQuery): AuditFilters {
  const { actor, action, card, from, to, tz } = query;
  return { actor, action, card, from, to, tz };
}

export function hasFilters(filters: AuditFilters): boolean {
  return Boolean(filters.actor || filters.action || filters.card || filters.from || filters.to);
}

/** The URL search string, empty values left out; `page: false` drops the cursor (a new filter starts at the newest). */
export function auditSearch(query: Partial<AuditQuery>, options: { page?: boolean } = {}): string {
  const out = new URLSearchParams();
  if (query.actor) out.set('actor', query.actor);
  if (query.action) out.set('action', query.action);
  if (query.card) out.set('card', query.card);
  if (query.from) out.set('from', query.from);
  if (query.to) out.set('to', query.to);
  if (query.tz) out.set('tz', query.tz);
  if (query.size && query.size !== DEFAULT_AUDIT_PAGE_SIZE) out.set('size', String(query.size));
  if (options.page !== false) {
    if (query.after) out.set('after', query.after);
    else if (query.before) out.set('before', query.before);
  }
  const search = out.toString();
  return search ? `?${search}` : '';
}

// ---- dates ----

/** The first instant of a calendar day in a zone (`addDays` later), DST-aware. */
export function startOfDayIn(day: string, timeZone: string, addDays = 0): Date {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`Not a calendar day: ${day}`);
  return new Date(new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays, timeZone).getTime());
}

/** The date filter as a half-open range [from, until) of instants covering both whole days in the zone. */
export function auditDateRange(filters: Pick<AuditFilters, 'from' | 'to'>, timeZone: string): { from: Date | null; until: Date | null } {
  return {
    from: filters.from ? startOfDayIn(filters.from, timeZone) : null,
    until: filters.to ? startOfDayIn(filters.to, timeZone, 1) : null,
  };
}

// ---- keyset cursors: the (at, id) of the entry a page continues from ----

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodeAuditCursor(at: Date, id: string): string {
  return toBase64Url(`${at.toISOString()}|${id}`);
}

export function decodeAuditCursor(cursor: string): { at: Date; id: string } | null {
  try {
    const [iso = '', id = '', extra] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('|');
    const at = new Date(iso);
    if (extra !== undefined || Number.isNaN(at.getTime()) || !UUID.test(id)) return null;
    return { at, id: id.toLowerCase() };
  } catch {
    return null;
  }
}

// ---- in words ----

/**
 * The filters as a phrase for a sentence: "action “Card locked”, by Jan Kowalski, on card “Travel”,
 * from 2026-11-01 to 2026-11-21 (Europe/Warsaw)", or "all entries".
 */
export function describeAuditFilters(
  filters: AuditFilters,
  names: { actionLabel?: string; actorName?: string; cardLabels?: string[]; timeZone: string },
): string {
  const parts: string[] = [];
  if (filters.action) parts.push(`action “${names.actionLabel ?? filters.action}”`);
  if (filters.actor) parts.push(filters.actor === SYSTEM_ACTOR ? 'by the panel itself' : `by ${names.actorName ?? filters.actor}`);
  if (filters.card) {
    const cards = names.cardLabels?.length ? names.cardLabels.map((l) => `“${l}”`).join(', ') : `“${filters.card}”`;
    parts.push(names.cardLabels && names.cardLabels.length > 1 ? `on cards ${cards}` : `on card ${cards}`);
  }
  if (filters.from && filters.to) parts.push(`from ${filters.from} to ${filters.to} (${names.timeZone})`);
  else if (filters.from) parts.push(`from ${filters.from} (${names.timeZone})`);
  else if (filters.to) parts.push(`until ${filters.to} (${names.timeZone})`);
  return parts.length ? parts.join(', ') : 'all entries';
}
