import { z } from 'zod';
import { APPROVAL_STATUSES, CARD_STATUSES, type ApprovalStatus, type CardStatus } from './state-machine';

// The cards list's filters, sort and page as URL search parameters (issue 5 item 3: they live in
// the URL, so a link or a reload shows the same page). Client-safe: the page, the polling client
// and the route handler read the URL with the same function. Bad values fall back to defaults
// instead of failing: a mistyped link still shows cards.

export const CARD_SORTS = ['activity', 'endDate', 'created', 'name'] as const;
export type CardSort = (typeof CARD_SORTS)[number];

export const CARD_SORT_LABELS = {
  activity: 'Last activity',
  endDate: 'End date',
  created: 'Assigned',
  name: 'Cardholder',
} as const satisfies Record<CardSort, string>;

/** The direction a sort starts in: newest activity first, soonest end first, A to Z. */
export const DEFAULT_DIRECTION = { activity: 'desc', endDate: 'asc', created: 'desc', name: 'asc' } as const satisfies Record<CardSort, 'asc' | 'desc'>;

export const PAGE_SIZES = [25, 50, 100] as const;

export interface CardListQuery {
  q: string;
  status: ApprovalStatus[];
  cardStatus: CardStatus | null;
  account: string | null;
  tag: string | null;
  /** Live cards whose end date falls within this many days. */
  expiringDays: number | null;
  sort: CardSort;
  dir: 'asc' | 'desc';
  /** Keyset cursors: the page after or before this position. */
  after: string | null;
  before: string | null;
  size: number;
}

const text = (max: number) => z.string().trim().max(max).catch('');

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function parseCardListParams(params: Params): CardListQuery {
  const first = (name: string) => read(params, name)[0] ?? '';
  const status = read(params, 'status')
    .flatMap((v) => v.split(','))
    .filter((v): v is ApprovalStatus => (APPROVAL_STATUSES as readonly string[]).includes(v));
  const sort = (CARD_SORTS as readonly string[]).includes(first('sort')) ? (first('sort') as CardSort) : 'activity';
  const dir = first('dir') === 'asc' || first('dir') === 'desc' ? (first('dir') as 'asc' | 'desc') : DEFAULT_DIRECTION[sort];
  const expiring = Number.parseInt(first('expiring'), 10);
  const size = Number.parseInt(first('size'), 10);
  const cursor = (v: string) => (/^[A-Za-z0-9_-]{1,400}$/.test(v) ? v : null);
  const cardStatus = first('card');
  return {
    q: text(100).parse(first('q')),
    status: [...new Set(status)],
    cardStatus: (CARD_STATUSES as readonly string[]).includes(cardStatus) ? (cardStatus as CardStatus) : null,
    account: text(100).parse(first('account')) || null,
    tag: text(40).parse(first('tag')) || null,
    expiringDays: Number.isInteger(expiring) && expiring > 0 && expiring <= 3650 ? expiring : null,
    sort,
    dir,
    after: cursor(first('after')),
    before: cursor(first('before')),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
  };
}

/** The URL search string for a query, leaving defaults out so links stay short. */
export function cardListSearch(query: Partial<CardListQuery>): string {
  const out = new URLSearchParams();
  if (query.q) out.set('q', query.q);
  if (query.status?.length) out.set('status', query.status.join(','));
  if (query.cardStatus) out.set('card', query.cardStatus);
  if (query.account) out.set('account', query.account);
  if (query.tag) out.set('tag', query.tag);
  if (query.expiringDays) out.set('expiring', String(query.expiringDays));
  const sort = query.sort ?? 'activity';
  if (sort !== 'activity') out.set('sort', sort);
  if (query.dir && query.dir !== DEFAULT_DIRECTION[sort]) out.set('dir', query.dir);
  if (query.size && query.size !== 50) out.set('size', String(query.size));
  if (query.after) out.set('after', query.after);
  else if (query.before) out.set('before', query.before);
  const search = out.toString();
  return search ? `?${search}` : '';
}

// ---- keyset cursors: the sort value and id of the last (or first) row shown ----

export function encodeCursor(value: string, id: string): string {
  const json = JSON.stringify([value, id]);
  return btoa(unescape(encodeURIComponent(json))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): { value: string; id: string } | null {
  try {
    const json = decodeURIComponent(escape(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))));
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') return { value: parsed[0], id: parsed[1] };
    return null;
  } catch {
    return null;
  }
}
