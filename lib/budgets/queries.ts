import 'server-only';
import { getAccountsConfig } from '@/lib/accounts/queries';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { utc } from '@/lib/transactions/where';
import { cardLabel, holderDisplayName } from './card-label';
import type { SessionUser } from '@/lib/auth/session-user';
import { usageOf } from './grants';
import { isPolicyRole } from './policy';
import { readBudgetPolicy } from './policy-store';
import { aloneLimitFor, type AloneLimit, type Allowance } from './view-types';

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
  /** null: Sparados did not report it (shown as unknown). */
  spentMinor: string | null;
  availableMinor: string | null;
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
      spentMinor: a.spentMinor?.toString() ?? null,
      availableMinor: a.availableMinor?.toString() ?? null,
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

/**
 * What `user` may add alone right now (the budget policy, docs/decisions/105), for the forms' previews:
 * the largest raise of one card, given the per-change limit, what is left of the person's 24-hour total,
 * and what is left of each card's. The server judges again when the change is sent.
 */
export async function allowanceFor(user: SessionUser, cardIds: readonly string[] = []): Promise<Allowance> {
  if (!isPolicyRole(user.role)) return { perChangeMinor: null, newCardMinor: null, personLeftMinor: null, cardLeftMinor: {} };
  const now = new Date();
  const { policy } = await readBudgetPolicy();
  const own = policy[user.role];
  const person = await usageOf(db, { actorId: user.id, cardId: null }, now);
  const cards = await Promise.all(cardIds.map(async (cardId) => [cardId, (await usageOf(db, { actorId: user.id, cardId }, now)).cardMinor ?? 0n] as const));
  const left = (limit: number, used: bigint) => (BigInt(limit) > used ? BigInt(limit) - used : 0n).toString();
  return {
    perChangeMinor: String(own.perChangeMinor),
    newCardMinor: String(own.newCardMinor),
    personLeftMinor: left(own.perPersonDayMinor, person.personMinor),
    cardLeftMinor: Object.fromEntries(cards.map(([cardId, used]) => [cardId, left(own.perCardDayMinor, used)])),
  };
}

/** The largest raise of this card `user` may make alone now, or null when none. */
export async function aloneLimitForCard(user: SessionUser, cardId: string): Promise<AloneLimit | null> {
  return aloneLimitFor(await allowanceFor(user, [cardId]), cardId);
}
