import 'server-only';
import { getAccountsConfig } from '@/lib/accounts/queries';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { getSettings } from '@/lib/settings/queries';
import { utc } from '@/lib/transactions/where';
import { cardLabel, holderDisplayName } from './card-label';
import { topUpLimitOf, topUpLimitsFrom, type TopUpLimits } from './thresholds';
import type { Role } from '@/lib/auth/permissions';

// Reads for the bulk budget page and the reclaim view: cards whose budget can change now (a DELIVERED
// approval, card not locked — the state machine's rule) with the figures the panel last read.

export interface BudgetCardRow {
  cardId: string;
  approvalId: string;
  label: string;
  holderName: string;
  email: string;
  description: string | null;
  currency: string | null;
  budgetMinor: string;
  spentMinor: string;
  availableMinor: string;
  /** Reclaim view: the card's last payment in the transaction mirror, if any. */
  lastSpendAt: string | null;
}

export const MAX_ROWS = 200;
const SPEND_STATUSES = ['AUTHORIZED', 'CLEARED'];

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function currencies(): Promise<Map<string, string>> {
  try {
    return new Map((await getAccountsConfig()).accounts.map((a) => [a.cardAliasId, a.currency]));
  } catch {
    return new Map();
  }
}

async function rowsFor(ids: string[]): Promise<BudgetCardRow[]> {
  if (ids.length === 0) return [];
  const [cards, accounts, last] = await Promise.all([
    db.card.findMany({ where: { id: { in: ids } }, include: { cardholder: true, currentApproval: true } }),
    currencies(),
    db.$queryRaw<Array<{ cardId: string; last: Date }>>`
      SELECT t."cardId" AS "cardId", max(t."occurredAt") AS last FROM "Transaction" t
      WHERE t."cardId" = ANY(CAST(${ids} AS uuid[])) AND t.status = ANY(CAST(${SPEND_STATUSES} AS "TransactionStatus"[]))
      GROUP BY t."cardId"`,
  ]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const lastById = new Map(last.map((l) => [l.cardId, l.last]));
  return ids.flatMap((id) => {
    const card = byId.get(id);
    const a = card?.currentApproval;
    if (!card || !a) return [];
    return [{
      cardId: card.id,
      approvalId: a.sparadosId,
      label: cardLabel({ description: card.description, holder: card.cardholder }),
      holderName: holderDisplayName(card.cardholder),
      email: card.cardholder.email,
      description: card.description,
      currency: accounts.get(a.balanceAliasId) ?? null,
      budgetMinor: a.budgetMinor.toString(),
      spentMinor: a.spentMinor.toString(),
      availableMinor: a.availableMinor.toString(),
      lastSpendAt: lastById.get(card.id)?.toISOString() ?? null,
    }];
  });
}

/** Cards whose budget can change now, matching the search, by cardholder name. */
export async function listBudgetCards(q: string): Promise<BudgetCardRow[]> {
  const search = q.trim() ? Prisma.sql`AND c."searchText" LIKE ${likePattern(q.trim())}` : Prisma.empty;
  const ids = await db.$queryRaw<Array<{ id: string }>>`
    SELECT c.id FROM "Card" c
    WHERE c.status = 'DELIVERED' AND c."cardStatus" IS DISTINCT FROM 'LOCKED' ${search}
    ORDER BY c."holderSortName", c.id
    LIMIT ${MAX_ROWS}`;
  return rowsFor(ids.map((r) => r.id));
}

/**
 * Idle cards (issue 6 item 4, docs/decisions/103): budget left, no spend in the last `days` days, and
 * at least that old. "No spend" is read from the transaction mirror (no AUTHORIZED or CLEARED payment
 * of the card since the cutoff) and, because the mirror holds only what webhooks and the transaction
 * reconcile delivered, also from the approval: its spent figure is zero or its row has not changed
 * since the cutoff (sync rewrites the row only when something in it, spent included, changed).
 */
export async function listIdleCards(days: number, now: Date = new Date()): Promise<BudgetCardRow[]> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const ids = await db.$queryRaw<Array<{ id: string }>>`
    SELECT c.id FROM "Card" c
    JOIN "Approval" a ON a.id = c."currentApprovalId"
    WHERE c.status = 'DELIVERED' AND c."cardStatus" IS DISTINCT FROM 'LOCKED'
      AND a."availableMinor" > 0
      AND c."createdAt" <= ${utc(cutoff)}
      AND (a."spentMinor" = 0 OR a."updatedAt" <= ${utc(cutoff)})
      AND NOT EXISTS (
        SELECT 1 FROM "Transaction" t
        WHERE t."cardId" = c.id AND t.status = ANY(CAST(${SPEND_STATUSES} AS "TransactionStatus"[])) AND t."occurredAt" >= ${utc(cutoff)}
      )
    ORDER BY a."availableMinor" DESC, c.id
    LIMIT ${MAX_ROWS}`;
  return rowsFor(ids.map((r) => r.id));
}

export async function getTopUpLimits(): Promise<TopUpLimits> {
  return topUpLimitsFrom(await getSettings());
}

/** The signed-in role's own limit, as a decimal string of minor units (null: may not top up). */
export async function ownTopUpLimit(role: Role): Promise<string | null> {
  return topUpLimitOf(role, await getTopUpLimits())?.toString() ?? null;
}
