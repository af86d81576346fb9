import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { MccCategory } from '@/lib/approvals/mcc';
import { categoryIndex } from './categories';
import { TAB_STATUSES, dateRange, resolveAmountRange, type AmountRange, type TransactionFilters } from './filters';

// The filters as SQL over the mirror (alias t). One builder for the list, the totals, the export and
// the "newer than" poll, so all four always agree on what "the filtered set" is.

export interface TransactionQueryContext {
  /** Display time zone: the date filter's days are days there. */
  timeZone: string;
  /** Currency of amounts typed without a currency filter. */
  accountCurrency: string;
  categories: readonly MccCategory[];
}

/** Prisma stores DateTime as UTC wall time in `timestamp(3)`: compare with UTC text, not a zoned value. */
export function utc(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString().slice(0, 23)}::timestamp(3)`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function statusCondition(statuses: readonly string[]): Prisma.Sql {
  // One status as an equality, so the (status, occurredAt, id) index also gives the order.
  return statuses.length === 1
    ? Prisma.sql`t.status = CAST(${statuses[0]} AS "TransactionStatus")`
    : Prisma.sql`t.status = ANY(CAST(${statuses} AS "TransactionStatus"[]))`;
}

export interface BuiltWhere {
  conditions: Prisma.Sql[];
  amount: AmountRange;
}

/** Every filter but the tab (the totals count each tab under the others). */
export function filterConditions(filters: TransactionFilters, ctx: TransactionQueryContext): BuiltWhere {
  const where: Prisma.Sql[] = [];
  const { from, until } = dateRange(filters, ctx.timeZone);
  if (from) where.push(Prisma.sql`t."occurredAt" >= ${utc(from)}`);
  if (until) where.push(Prisma.sql`t."occurredAt" < ${utc(until)}`);
  if (filters.types.length === 1) where.push(Prisma.sql`t.type = ${filters.types[0]}`);
  else if (filters.types.length > 1) where.push(Prisma.sql`t.type = ANY(${filters.types}::text[])`);
  if (filters.card) where.push(Prisma.sql`t."cardId" = ${filters.card}::uuid`);
  if (filters.holder) where.push(Prisma.sql`t."cardId" IN (SELECT c.id FROM "Card" c WHERE c."cardholderId" = ${filters.holder}::uuid)`);
  if (filters.who) {
    const pattern = `%${escapeLike(filters.who.toLowerCase())}%`;
    where.push(Prisma.sql`(t."cardId" IN (SELECT c.id FROM "Card" c WHERE c."searchText" LIKE ${pattern}) OR t."cardLast4" = ${filters.who})`);
  }
  if (filters.merchant) {
    const text = escapeLike(filters.merchant);
    const pattern = filters.merchantMatch === 'prefix' ? `${text}%` : `%${text}%`;
    where.push(Prisma.sql`t."merchantName" ILIKE ${pattern}`);
  }
  if (filters.category) {
    // An unknown key (a category renamed in Settings since the link was made) filters nothing.
    const codes = categoryIndex(ctx.categories).codesOf(filters.category);
    if (codes) where.push(Prisma.sql`t.mcc = ANY(${codes}::text[])`);
  }
  if (filters.mcc) where.push(Prisma.sql`t.mcc = ${filters.mcc}`);
  if (filters.reason) where.push(Prisma.sql`t."declineReason" = ${filters.reason}`);
  if (filters.currency) where.push(Prisma.sql`COALESCE(t."originalCurrency", t.currency) = ${filters.currency}`);

  const amount = resolveAmountRange(filters, ctx.accountCurrency);
  if (amount.minMinor !== null || amount.maxMinor !== null) {
    // With a currency filter the bounds apply to the amount paid in it; without one, to the amount
    // charged in the account currency (and rows charged in another currency cannot compare).
    const size = filters.currency ? Prisma.sql`abs(COALESCE(t."originalAmountMinor", t."amountMinor"))` : Prisma.sql`abs(t."amountMinor")`;
    if (!filters.currency) where.push(Prisma.sql`t.currency = ${amount.currency}`);
    if (amount.minMinor !== null) where.push(Prisma.sql`${size} >= ${amount.minMinor}`);
    if (amount.maxMinor !== null) where.push(Prisma.sql`${size} <= ${amount.maxMinor}`);
  }
  return { conditions: where, amount };
}

/** The filters and the tab. */
export function listConditions(filters: TransactionFilters, ctx: TransactionQueryContext): BuiltWhere {
  const built = filterConditions(filters, ctx);
  const statuses = TAB_STATUSES[filters.tab];
  if (statuses) built.conditions.unshift(statusCondition(statuses));
  return built;
}

export function whereClause(parts: readonly Prisma.Sql[]): Prisma.Sql {
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty;
}
