import 'server-only';
import { getAccountsConfig } from '@/lib/accounts/queries';
import { getMccCategories } from '@/lib/approvals/mcc-settings';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { getSettings } from '@/lib/settings/queries';
import { categoryIndex, type CategoryIndex } from './categories';
import {
  TRANSACTION_TABS,
  TAB_STATUSES,
  decodeTransactionCursor,
  encodeTransactionCursor,
  type TransactionFilters,
  type TransactionListQuery,
  type TransactionTab,
} from './filters';
import type { CurrencyTotals, MirrorStatus, NewerThan, TransactionDetail, TransactionPage, TransactionRow, TransactionTotals } from './view-types';
import { filterConditions, listConditions, utc, whereClause, type TransactionQueryContext } from './where';
import { isUuid } from '@/lib/ids';

// Reads over the transaction mirror. The list pages by keyset on (occurredAt DESC, id ASC), the order
// of the mirror's indexes, so a page deep in a million rows costs what the first one does
// (docs/decisions/090-transactions-keyset-and-totals.md).

export type { TransactionQueryContext } from './where';

/** Time zone, account currency and MCC categories the filters are read with. */
export async function loadQueryContext(): Promise<TransactionQueryContext> {
  const [settings, categories, accountCurrency] = await Promise.all([getSettings(), getMccCategories(), primaryCurrency()]);
  return { timeZone: settings['display.timezone'], accountCurrency, categories };
}

/** The first account's currency; EUR (Sparados' usual) when Sparados cannot say right now. */
export async function primaryCurrency(): Promise<string> {
  try {
    return (await getAccountsConfig()).accounts[0]?.currency ?? 'EUR';
  } catch {
    return 'EUR';
  }
}

// ---- rows ----

interface RawRow {
  id: string;
  sparadosId: string;
  type: string;
  status: MirrorStatus;
  statusRaw: string;
  amountMinor: bigint;
  currency: string;
  originalAmountMinor: bigint | null;
  originalCurrency: string | null;
  merchantName: string | null;
  mcc: string | null;
  merchantCountry: string | null;
  declineReason: string | null;
  cardId: string | null;
  sparadosCardId: string | null;
  cardLast4: string | null;
  approvalSparadosId: string | null;
  occurredAt: string;
  sparadosUpdatedAt: string;
  syncedAt: string;
  cardDescription: string | null;
  holderId: string | null;
  holderFirstName: string | null;
  holderLastName: string | null;
  holderEmail: string | null;
}

const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Columns of a row with its card and cardholder, from a source aliased `t`. */
const ROW_COLUMNS = Prisma.sql`
  t.id, t."sparadosId", t.type, t.status, t."statusRaw", t."amountMinor", t.currency, t."originalAmountMinor",
  t."originalCurrency", t."merchantName", t.mcc, t."merchantCountry", t."declineReason", t."cardId", t."sparadosCardId",
  t."cardLast4", t."approvalSparadosId",
  ${iso(Prisma.sql`t."occurredAt"`)} AS "occurredAt",
  ${iso(Prisma.sql`t."sparadosUpdatedAt"`)} AS "sparadosUpdatedAt",
  ${iso(Prisma.sql`t."syncedAt"`)} AS "syncedAt",
  c.description AS "cardDescription", h.id AS "holderId", h."firstName" AS "holderFirstName",
  h."lastName" AS "holderLastName", h.email AS "holderEmail"`;

const ROW_JOINS = Prisma.sql`LEFT JOIN "Card" c ON c.id = t."cardId" LEFT JOIN "Cardholder" h ON h.id = c."cardholderId"`;

function toRow(raw: RawRow, categories: CategoryIndex): TransactionRow {
  const foreign =
    raw.originalCurrency && raw.originalAmountMinor !== null && raw.originalCurrency !== raw.currency
      ? { amountMinor: raw.originalAmountMinor.toString(), currency: raw.originalCurrency }
      : null;
  return {
    id: raw.id,
    sparadosId: raw.sparadosId,
    type: raw.type,
    status: raw.status,
    statusRaw: raw.statusRaw,
    amountMinor: raw.amountMinor.toString(),
    currency: raw.currency,
    foreign,
    merchantName: raw.merchantName,
    mcc: raw.mcc,
    category: categories.labelOf(raw.mcc),
    merchantCountry: raw.merchantCountry,
    declineReason: raw.declineReason,
    cardId: raw.cardId,
    sparadosCardId: raw.sparadosCardId,
    cardLast4: raw.cardLast4,
    cardDescription: raw.cardDescription,
    holder: raw.holderId
      ? { id: raw.holderId, name: [raw.holderFirstName, raw.holderLastName].filter(Boolean).join(' ') || raw.holderEmail || '', email: raw.holderEmail ?? '' }
      : null,
    approvalSparadosId: raw.approvalSparadosId,
    occurredAt: raw.occurredAt,
    sparadosUpdatedAt: raw.sparadosUpdatedAt,
    syncedAt: raw.syncedAt,
  };
}

interface KeysetPage {
  raws: RawRow[];
  more: boolean;
  backwards: boolean;
}

/** One keyset page of rows under `conditions`: after `cursor` (older) or before it (newer). */
async function keysetPage(conditions: Prisma.Sql[], size: number, cursor: { occurredAt: Date; id: string } | null, backwards: boolean): Promise<KeysetPage> {
  const where = [...conditions];
  if (cursor) {
    const at = utc(cursor.occurredAt);
    // The redundant `<=` / `>=` lets the index start at the cursor instead of filtering from the top.
    where.push(
      backwards
        ? Prisma.sql`t."occurredAt" >= ${at} AND (t."occurredAt" > ${at} OR t.id < ${cursor.id}::uuid)`
        : Prisma.sql`t."occurredAt" <= ${at} AND (t."occurredAt" < ${at} OR t.id > ${cursor.id}::uuid)`,
    );
  }
  const order = backwards ? Prisma.sql`t."occurredAt" ASC, t.id DESC` : Prisma.sql`t."occurredAt" DESC, t.id ASC`;
  const raws = await db.$queryRaw<RawRow[]>`
    SELECT ${ROW_COLUMNS}
    FROM (SELECT * FROM "Transaction" t ${whereClause(where)} ORDER BY ${order} LIMIT ${size + 1}) t
    ${ROW_JOINS}
    ORDER BY ${order}`;
  const more = raws.length > size;
  const page = raws.slice(0, size);
  if (backwards) page.reverse();
  return { raws: page, more, backwards };
}

export async function listTransactions(query: TransactionListQuery, ctx: TransactionQueryContext): Promise<TransactionPage> {
  const generatedAt = new Date().toISOString();
  const { conditions } = listConditions(query, ctx);
  const cursor = query.after ? decodeTransactionCursor(query.after) : query.before ? decodeTransactionCursor(query.before) : null;
  const backwards = Boolean(query.before && cursor);
  const { raws, more } = await keysetPage(conditions, query.size, cursor, backwards);
  const categories = categoryIndex(ctx.categories);
  const rows = raws.map((raw) => toRow(raw, categories));
  const first = raws[0];
  const last = raws.at(-1);
  // A page reached going back always has one after it; one reached going forward has one before it
  // unless it is the first page.
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : Boolean(cursor);
  return {
    rows,
    next: hasNext && last ? encodeTransactionCursor(new Date(last.occurredAt), last.id) : null,
    prev: hasPrev && first ? encodeTransactionCursor(new Date(first.occurredAt), first.id) : null,
    generatedAt,
  };
}

// ---- totals ----

const STATUS_TAB: Record<MirrorStatus, TransactionTab | null> = {
  AUTHORIZED: 'pending',
  CLEARED: 'settled',
  DECLINED: 'declined',
  REVERSED: 'reversed',
  UNKNOWN: null,
};

/**
 * Count, money per currency and pending versus settled for the filtered set, plus how many rows each
 * tab holds under the same filters: one GROUP BY pass.
 */
export async function transactionTotals(filters: TransactionFilters, ctx: TransactionQueryContext): Promise<TransactionTotals> {
  const { conditions } = filterConditions(filters, ctx);
  const groups = await db.$queryRaw<Array<{ status: MirrorStatus; currency: string; count: bigint; sum: bigint }>>`
    SELECT t.status, t.currency, count(*)::bigint AS count, COALESCE(sum(t."amountMinor"), 0)::bigint AS sum
    FROM "Transaction" t ${whereClause(conditions)}
    GROUP BY t.status, t.currency`;
  const tabCounts = Object.fromEntries(TRANSACTION_TABS.map((tab) => [tab, 0])) as Record<TransactionTab, number>;
  const inTab = TAB_STATUSES[filters.tab] as readonly string[] | null;
  const byCurrency = new Map<string, { pendingCount: number; pendingMinor: bigint; settledCount: number; settledMinor: bigint; declinedCount: number; reversedCount: number }>();
  let count = 0;
  for (const g of groups) {
    const n = Number(g.count);
    tabCounts.all += n;
    const tab = STATUS_TAB[g.status];
    if (tab) tabCounts[tab] += n;
    if (inTab && !inTab.includes(g.status)) continue;
    count += n;
    const entry = byCurrency.get(g.currency) ?? { pendingCount: 0, pendingMinor: 0n, settledCount: 0, settledMinor: 0n, declinedCount: 0, reversedCount: 0 };
    if (g.status === 'AUTHORIZED') {
      entry.pendingCount += n;
      entry.pendingMinor += g.sum;
    } else if (g.status === 'CLEARED') {
      entry.settledCount += n;
      entry.settledMinor += g.sum;
    } else if (g.status === 'DECLINED') entry.declinedCount += n;
    else if (g.status === 'REVERSED') entry.reversedCount += n;
    byCurrency.set(g.currency, entry);
  }
  const totals: CurrencyTotals[] = [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, e]) => ({
      currency,
      pendingCount: e.pendingCount,
      pendingMinor: e.pendingMinor.toString(),
      settledCount: e.settledCount,
      settledMinor: e.settledMinor.toString(),
      declinedCount: e.declinedCount,
      reversedCount: e.reversedCount,
      netMinor: (e.pendingMinor + e.settledMinor).toString(),
    }));
  return { count, tabCounts, byCurrency: totals };
}

// ---- new rows while a page is open ----

const NEWER_CAP = 100;

/** Rows inserted or changed after `since` under the filters and tab (counted up to 100). */
export async function newerThan(filters: TransactionFilters, since: Date, ctx: TransactionQueryContext): Promise<NewerThan> {
  const { conditions } = listConditions(filters, ctx);
  const [row] = await db.$queryRaw<Array<{ count: bigint; latest: string | null }>>`
    SELECT count(*)::bigint AS count, max(s."changedAt") AS latest FROM (
      SELECT ${iso(Prisma.sql`t."changedAt"`)} AS "changedAt" FROM "Transaction" t
      ${whereClause([...conditions, Prisma.sql`t."changedAt" > ${utc(since)}`])}
      LIMIT ${NEWER_CAP}
    ) s`;
  return { count: Number(row?.count ?? 0), latest: row?.latest ?? null };
}

// ---- export ----

/** Every row of the filtered set, newest first, read in keyset batches so memory stays flat. */
export async function* iterateTransactions(filters: TransactionFilters, ctx: TransactionQueryContext, batchSize = 1_000): AsyncGenerator<TransactionRow[]> {
  const { conditions } = listConditions(filters, ctx);
  const categories = categoryIndex(ctx.categories);
  let cursor: { occurredAt: Date; id: string } | null = null;
  for (;;) {
    const { raws, more } = await keysetPage(conditions, batchSize, cursor, false);
    if (raws.length) yield raws.map((raw) => toRow(raw, categories));
    const last = raws.at(-1);
    if (!more || !last) return;
    cursor = { occurredAt: new Date(last.occurredAt), id: last.id };
  }
}

/** Rows by id, in the order given (ids not found are skipped). */
export async function transactionRowsById(ids: readonly string[], ctx: Pick<TransactionQueryContext, 'categories'>): Promise<TransactionRow[]> {
  if (ids.length === 0) return [];
  const raws = await db.$queryRaw<RawRow[]>`SELECT ${ROW_COLUMNS} FROM "Transaction" t ${ROW_JOINS} WHERE t.id = ANY(${[...ids]}::uuid[])`;
  const categories = categoryIndex(ctx.categories);
  const byId = new Map(raws.map((raw) => [raw.id, toRow(raw, categories)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// ---- one transaction ----

export async function getTransactionDetail(id: string, ctx: Pick<TransactionQueryContext, 'categories'>): Promise<TransactionDetail | null> {
  if (!isUuid(id)) return null;
  const categories = categoryIndex(ctx.categories);
  const [raw] = await db.$queryRaw<RawRow[]>`SELECT ${ROW_COLUMNS} FROM "Transaction" t ${ROW_JOINS} WHERE t.id = ${id}::uuid`;
  if (!raw) return null;
  const relatedRaws = await db.$queryRaw<RawRow[]>`
    SELECT ${ROW_COLUMNS} FROM "Transaction" t ${ROW_JOINS}
    WHERE t."sparadosId" = ${raw.sparadosId} AND t.id <> ${id}::uuid
    ORDER BY t."occurredAt" ASC, t.id ASC`;
  const card = raw.cardId
    ? await db.card.findUnique({ where: { id: raw.cardId }, select: { id: true, description: true, status: true, cardStatus: true } })
    : null;
  return {
    ...toRow(raw, categories),
    related: relatedRaws.map((r) => toRow(r, categories)),
    card: card ? { id: card.id, description: card.description, status: card.status, cardStatus: card.cardStatus } : null,
  };
}

// ---- names for the card and cardholder filters ----

export async function describeCardFilters(filters: Pick<TransactionFilters, 'card' | 'holder'>): Promise<{ card: string | null; holder: string | null }> {
  const name = (h: { firstName: string | null; lastName: string | null; email: string }) => [h.firstName, h.lastName].filter(Boolean).join(' ') || h.email;
  const [card, holder] = await Promise.all([
    filters.card ? db.card.findUnique({ where: { id: filters.card }, select: { description: true, cardholder: { select: { firstName: true, lastName: true, email: true } } } }) : null,
    filters.holder ? db.cardholder.findUnique({ where: { id: filters.holder }, select: { firstName: true, lastName: true, email: true } }) : null,
  ]);
  return {
    card: filters.card ? (card ? `${name(card.cardholder)}${card.description ? ` (${card.description})` : ''}` : 'a card no longer in the panel') : null,
    holder: filters.holder ? (holder ? name(holder) : 'a cardholder no longer in the panel') : null,
  };
}
