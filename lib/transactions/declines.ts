import 'server-only';
import { db } from '@/lib/db';
import { transactionRowsById } from './queries';
import type { TransactionRow } from './view-types';
import type { TransactionQueryContext } from './where';

// The decline inbox: recent declines grouped by card and reason, so ten refused coffees on one card
// are one line with one fix. Reads the (status, occurredAt, id) index range of the last N days.

export const DECLINE_INBOX_DAYS = [1, 7, 30, 90] as const;
export const DEFAULT_DECLINE_DAYS = 7;

export function parseDeclineDays(value: string | string[] | undefined): number {
  const n = Number.parseInt(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''), 10);
  return (DECLINE_INBOX_DAYS as readonly number[]).includes(n) ? n : DEFAULT_DECLINE_DAYS;
}

export interface DeclineGroup {
  /** The panel's card, when the mirror could link the transaction to one. */
  cardId: string | null;
  sparadosCardId: string | null;
  reason: string | null;
  count: number;
  firstAt: string;
  lastAt: string;
  /** The newest decline of the group. */
  latest: TransactionRow;
  card: { status: string | null; cardStatus: string | null; lastActivityAt: string } | null;
}

export interface DeclineInbox {
  days: number;
  since: string;
  groups: DeclineGroup[];
  /** Declines in the window, all groups together. */
  total: number;
}

const MAX_GROUPS = 200;

export async function declineInbox(days: number, ctx: Pick<TransactionQueryContext, 'categories'>, now: Date = new Date()): Promise<DeclineInbox> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const sinceSql = since.toISOString().slice(0, 23);
  const groups = await db.$queryRaw<Array<{ cardId: string | null; sparadosCardId: string | null; reason: string | null; count: bigint; firstAt: string; lastAt: string; latestId: string }>>`
    SELECT t."cardId", t."sparadosCardId", t."declineReason" AS reason, count(*)::bigint AS count,
      to_char(min(t."occurredAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstAt",
      to_char(max(t."occurredAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastAt",
      (array_agg(t.id ORDER BY t."occurredAt" DESC, t.id ASC))[1]::text AS "latestId"
    FROM "Transaction" t
    WHERE t.status = 'DECLINED' AND t."occurredAt" >= ${sinceSql}::timestamp(3)
    GROUP BY t."cardId", t."sparadosCardId", t."declineReason"
    ORDER BY max(t."occurredAt") DESC, count(*) DESC
    LIMIT ${MAX_GROUPS}`;
  const [latest, cards, [totals]] = await Promise.all([
    transactionRowsById(groups.map((g) => g.latestId), ctx),
    db.card.findMany({
      where: { id: { in: groups.flatMap((g) => (g.cardId ? [g.cardId] : [])) } },
      select: { id: true, status: true, cardStatus: true, lastActivityAt: true },
    }),
    db.$queryRaw<Array<{ total: bigint }>>`
      SELECT count(*)::bigint AS total FROM "Transaction" t WHERE t.status = 'DECLINED' AND t."occurredAt" >= ${sinceSql}::timestamp(3)`,
  ]);
  const rowById = new Map(latest.map((r) => [r.id, r]));
  const cardById = new Map(cards.map((c) => [c.id, c]));
  return {
    days,
    since: since.toISOString(),
    total: Number(totals?.total ?? 0),
    groups: groups.flatMap((g) => {
      const row = rowById.get(g.latestId);
      if (!row) return [];
      const card = g.cardId ? cardById.get(g.cardId) : undefined;
      return [
        {
          cardId: g.cardId,
          sparadosCardId: g.sparadosCardId,
          reason: g.reason,
          count: Number(g.count),
          firstAt: g.firstAt,
          lastAt: g.lastAt,
          latest: row,
          card: card ? { status: card.status, cardStatus: card.cardStatus, lastActivityAt: card.lastActivityAt.toISOString() } : null,
        },
      ];
    }),
  };
}
