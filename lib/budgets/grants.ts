import 'server-only';
import { db as defaultDb } from '@/lib/db';
import type { BudgetChangeKind, Prisma } from '@/lib/generated/prisma/client';
import { findOperations } from '@/lib/operations/queries';
import type { Usage } from './policy';

// The budget policy's rolling totals: what each person, and each card, was given alone in the last 24
// hours. A grant is written when the gate admits a raise, in the same transaction that read the totals
// (under a per-person lock), so two raises at once cannot both fit into the last room left. It counts
// until its write is known to have failed; one whose write never appeared (the process died before
// sending) stops counting after a while. Reductions never give room back (docs/decisions/105).

export const WINDOW_MS = 86_400_000;
/** Admitted, yet no write recorded this long after: it was never sent. */
const NEVER_SENT_AFTER_MS = 10 * 60_000;

export interface GrantDraft {
  actorId: string;
  cardId: string | null;
  kind: BudgetChangeKind;
  increaseMinor: bigint;
  currency: string;
  operationKey: string;
  changeId?: string | null;
  approvedById?: string | null;
}

/** Serializes the gate's decisions per person, for the rest of the transaction. */
export async function lockPerson(tx: Prisma.TransactionClient, actorId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`budget-grants:person:${actorId}`}, 0))`;
}

/** What `actorId` added alone in the window, and what was added alone to `cardId` (null: no card). */
export async function usageOf(tx: Prisma.TransactionClient, who: { actorId: string; cardId: string | null }, now: Date): Promise<Usage> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const grants = await tx.budgetGrant.findMany({
    where: { changeId: null, createdAt: { gte: since }, OR: [{ actorId: who.actorId }, ...(who.cardId ? [{ cardId: who.cardId }] : [])] },
    select: { actorId: true, cardId: true, increaseMinor: true, operationKey: true, createdAt: true },
  });
  const operations = await findOperations(grants.map((g) => g.operationKey));
  let personMinor = 0n;
  let cardMinor = 0n;
  for (const grant of grants) {
    const operation = operations.get(grant.operationKey);
    const counts = operation ? operation.status !== 'FAILED' : now.getTime() - grant.createdAt.getTime() < NEVER_SENT_AFTER_MS;
    if (!counts) continue;
    if (grant.actorId === who.actorId) personMinor += grant.increaseMinor;
    if (who.cardId && grant.cardId === who.cardId) cardMinor += grant.increaseMinor;
  }
  return { personMinor, cardMinor: who.cardId ? cardMinor : null };
}

export async function recordGrant(tx: Prisma.TransactionClient, draft: GrantDraft): Promise<void> {
  // A repeat of the same write (a retry of an admitted intent) is one grant.
  await tx.budgetGrant.createMany({ data: [{ ...draft, changeId: draft.changeId ?? null, approvedById: draft.approvedById ?? null }], skipDuplicates: true });
}

/** A new card's grant learns its card once Sparados created it, so the card's own total includes its first budget. */
export async function attachGrantToCard(operationKey: string, cardId: string, db: Prisma.TransactionClient = defaultDb): Promise<void> {
  await db.budgetGrant.updateMany({ where: { operationKey, cardId: null }, data: { cardId } });
}
