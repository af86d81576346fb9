import 'server-only';
import { getAccountsConfig } from '@/lib/accounts/queries';
import type { Account } from '@/lib/accounts/types';
import { getMccCategories } from '@/lib/approvals/mcc-settings';
import type { MccCategory } from '@/lib/approvals/mcc';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/settings/queries';
import { getSparadosClient, isSparadosError, type SparadosClient } from '@/lib/sparados';
import { spendByCategory } from '@/lib/transactions/categories';
import { utc } from '@/lib/transactions/where';
import { fillDays, lastDays, monthPeriods } from './periods';
import type { AccountBalance, DashboardData, DashboardSpend } from './view-types';

// The finance dashboard's figures. Balances come from Sparados at the moment of reading (no copy is
// kept); everything else reads the panel's database: the approval mirror for allocated budgets and
// requests, the transaction mirror for spend and declines. "Spend" is what card payments cost the
// account: AUTHORIZED (blocked) plus CLEARED (settled), refunds negative; declined and reversed
// payments cost nothing. Periods are calendar periods in the display time zone.

/** Approval statuses of a card still to be used or in use (the cards list's "expiring" filter uses the same). */
const LIVE_STATUSES = ['ACCEPTED', 'PREPARED', 'DELIVERED'] as const;
const SPEND_STATUSES = ['AUTHORIZED', 'CLEARED'] as const;
export const EXPIRING_DAYS = 7;
export const SPEND_DAYS = 30;
const TOP_CARDHOLDERS = 8;

export interface DashboardOptions {
  now?: Date;
  client?: SparadosClient;
  accounts?: Account[];
  categories?: MccCategory[];
}

async function readBalances(accounts: readonly Account[], client: SparadosClient, threshold: bigint, allocated: Map<string, bigint>): Promise<AccountBalance[]> {
  return Promise.all(
    accounts.map(async (account): Promise<AccountBalance> => {
      const base = {
        name: account.name,
        cardAliasId: account.cardAliasId,
        balanceId: account.balanceId,
        currency: account.currency,
        allocatedMinor: (allocated.get(account.cardAliasId) ?? 0n).toString(),
      };
      if (!account.balanceId) return { ...base, reading: null, error: 'No balance id is configured for this account, so its balance cannot be read.' };
      try {
        const balance = await client.getBalance(account.balanceId, { deadlineMs: 4_000 });
        const available = BigInt(balance.availableMinor);
        return {
          ...base,
          currency: balance.currency,
          reading: {
            availableMinor: available.toString(),
            blockedMinor: balance.blockedMinor === null ? null : String(balance.blockedMinor),
            readAt: new Date().toISOString(),
            sparadosUpdatedAt: balance.updatedAt?.toISOString() ?? null,
            belowThreshold: available < threshold,
          },
          error: null,
        };
      } catch (error) {
        if (!isSparadosError(error)) throw error;
        return { ...base, reading: null, error: `Sparados did not return the balance: ${error.message}` };
      }
    }),
  );
}

async function allocatedByAccount(): Promise<Map<string, bigint>> {
  const rows = await db.$queryRaw<Array<{ alias: string; sum: bigint }>>`
    SELECT a."balanceAliasId" AS alias, COALESCE(sum(a."availableMinor"), 0)::bigint AS sum
    FROM "Approval" a WHERE a.status = 'DELIVERED' GROUP BY a."balanceAliasId"`;
  return new Map(rows.map((r) => [r.alias, r.sum]));
}

async function spendSince(from: Date, until: Date): Promise<Map<string, bigint>> {
  const rows = await db.$queryRaw<Array<{ currency: string; sum: bigint }>>`
    SELECT t.currency, COALESCE(sum(t."amountMinor"), 0)::bigint AS sum FROM "Transaction" t
    WHERE t.status = ANY(CAST(${SPEND_STATUSES} AS "TransactionStatus"[])) AND t."occurredAt" >= ${utc(from)} AND t."occurredAt" < ${utc(until)}
    GROUP BY t.currency`;
  return new Map(rows.map((r) => [r.currency, r.sum]));
}

async function spendFigures(now: Date, timeZone: string, primary: string, categories: readonly MccCategory[]): Promise<DashboardSpend> {
  const periods = monthPeriods(now, timeZone);
  const { days, from: seriesFrom } = lastDays(now, timeZone, SPEND_DAYS);
  const [thisMonth, lastMonth, lastMonthToDate, daily, byMcc, byHolder] = await Promise.all([
    spendSince(periods.thisMonthStart, now),
    spendSince(periods.lastMonthStart, periods.thisMonthStart),
    spendSince(periods.lastMonthStart, periods.lastMonthSameTime),
    db.$queryRaw<Array<{ day: string; sum: bigint }>>`
      SELECT to_char(((t."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day, sum(t."amountMinor")::bigint AS sum
      FROM "Transaction" t
      WHERE t.status = ANY(CAST(${SPEND_STATUSES} AS "TransactionStatus"[])) AND t."occurredAt" >= ${utc(seriesFrom)} AND t."occurredAt" < ${utc(now)} AND t.currency = ${primary}
      GROUP BY 1`,
    db.$queryRaw<Array<{ mcc: string | null; sum: bigint }>>`
      SELECT t.mcc, sum(t."amountMinor")::bigint AS sum FROM "Transaction" t
      WHERE t.status = ANY(CAST(${SPEND_STATUSES} AS "TransactionStatus"[])) AND t."occurredAt" >= ${utc(periods.thisMonthStart)} AND t."occurredAt" < ${utc(now)} AND t.currency = ${primary}
      GROUP BY t.mcc`,
    db.$queryRaw<Array<{ holderId: string | null; firstName: string | null; lastName: string | null; email: string | null; sum: bigint }>>`
      SELECT h.id AS "holderId", h."firstName", h."lastName", h.email, sum(t."amountMinor")::bigint AS sum
      FROM "Transaction" t LEFT JOIN "Card" c ON c.id = t."cardId" LEFT JOIN "Cardholder" h ON h.id = c."cardholderId"
      WHERE t.status = ANY(CAST(${SPEND_STATUSES} AS "TransactionStatus"[])) AND t."occurredAt" >= ${utc(periods.thisMonthStart)} AND t."occurredAt" < ${utc(now)} AND t.currency = ${primary}
      GROUP BY h.id, h."firstName", h."lastName", h.email
      ORDER BY sum(t."amountMinor") DESC`,
  ]);
  const currencies = [...new Set([primary, ...thisMonth.keys(), ...lastMonth.keys()])].sort((a, b) => (a === primary ? -1 : b === primary ? 1 : a.localeCompare(b)));
  const named = byHolder.filter((h) => h.holderId);
  const unknown = byHolder.filter((h) => !h.holderId).reduce((sum, h) => sum + h.sum, 0n);
  return {
    primaryCurrency: primary,
    thisMonthLabel: periods.thisMonthLabel,
    lastMonthLabel: periods.lastMonthLabel,
    months: currencies.map((currency) => ({
      currency,
      thisMonthMinor: (thisMonth.get(currency) ?? 0n).toString(),
      lastMonthMinor: (lastMonth.get(currency) ?? 0n).toString(),
      lastMonthToDateMinor: (lastMonthToDate.get(currency) ?? 0n).toString(),
    })),
    daily: fillDays(days, daily.map((d) => ({ day: d.day, amountMinor: d.sum }))).map((d) => ({ day: d.day, amountMinor: d.amountMinor.toString() })),
    byCategory: spendByCategory(byMcc.map((r) => ({ mcc: r.mcc, amountMinor: r.sum })), categories).map((c) => ({ ...c, amountMinor: c.amountMinor.toString() })),
    byCardholder: [
      ...named.slice(0, TOP_CARDHOLDERS).map((h) => ({
        holderId: h.holderId,
        name: [h.firstName, h.lastName].filter(Boolean).join(' ') || h.email || 'Cardholder',
        amountMinor: h.sum.toString(),
      })),
      ...(named.length > TOP_CARDHOLDERS
        ? [{ holderId: null, name: `${named.length - TOP_CARDHOLDERS} other cardholders`, amountMinor: named.slice(TOP_CARDHOLDERS).reduce((s, h) => s + h.sum, 0n).toString() }]
        : []),
      ...(unknown !== 0n ? [{ holderId: null, name: 'Cards not in the panel', amountMinor: unknown.toString() }] : []),
    ],
  };
}

export async function getDashboard(options: DashboardOptions = {}): Promise<DashboardData> {
  const now = options.now ?? new Date();
  const client = options.client ?? getSparadosClient();
  const [settings, categories, allocated] = await Promise.all([getSettings(), options.categories ?? getMccCategories(), allocatedByAccount()]);
  const timeZone = settings['display.timezone'];
  const threshold = BigInt(settings['alerts.lowBalanceMinor']);
  let accounts = options.accounts ?? null;
  let accountsError: string | null = null;
  if (!accounts) {
    try {
      accounts = (await getAccountsConfig()).accounts;
    } catch (error) {
      accounts = [];
      accountsError = `The accounts could not be read from Sparados: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const primary = accounts[0]?.currency ?? 'EUR';
  const expiringUntil = new Date(now.getTime() + EXPIRING_DAYS * 86_400_000);
  const declinesSince = new Date(now.getTime() - 86_400_000);

  const [balances, spend, pendingRequests, expiringCount, expiring, declines] = await Promise.all([
    readBalances(accounts, client, threshold, allocated),
    spendFigures(now, timeZone, primary, categories),
    db.approval.count({ where: { status: 'CREATED' } }),
    db.card.count({ where: { status: { in: [...LIVE_STATUSES] }, endDate: { gte: now, lt: expiringUntil } } }),
    db.card.findMany({
      where: { status: { in: [...LIVE_STATUSES] }, endDate: { gte: now, lt: expiringUntil } },
      orderBy: [{ endDate: 'asc' }, { id: 'asc' }],
      take: 5,
      select: { id: true, endDate: true, description: true, cardholder: { select: { firstName: true, lastName: true, email: true } } },
    }),
    db.$queryRaw<Array<{ reason: string | null; count: bigint }>>`
      SELECT t."declineReason" AS reason, count(*)::bigint AS count FROM "Transaction" t
      WHERE t.status = 'DECLINED' AND t."occurredAt" >= ${utc(declinesSince)} AND t."occurredAt" < ${utc(now)}
      GROUP BY t."declineReason" ORDER BY count(*) DESC, t."declineReason"`,
  ]);

  return {
    generatedAt: now.toISOString(),
    timeZone,
    thresholdMinor: threshold.toString(),
    accountsError,
    balances,
    spend,
    pendingRequests,
    expiring: {
      days: EXPIRING_DAYS,
      count: expiringCount,
      cards: expiring.map((c) => ({
        id: c.id,
        endDate: c.endDate!.toISOString(),
        description: c.description,
        holder: [c.cardholder.firstName, c.cardholder.lastName].filter(Boolean).join(' ') || c.cardholder.email,
      })),
    },
    declines24h: {
      count: declines.reduce((sum, d) => sum + Number(d.count), 0),
      byReason: declines.map((d) => ({ reason: d.reason, count: Number(d.count) })),
    },
  };
}
