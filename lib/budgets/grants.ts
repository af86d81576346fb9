import 'server-only';
import { db as defaultDb } from '@/lib/db';
import type { BudgetChangeKind, Prisma } from '@/lib/generated/prisma/client';
import { findOperations } from '@/lib/operations/queries';
import { utc } from '@/lib/transactions/where';
import type { Usage } from './policy';

// The budget policy's rolling totals: what each person, and each card, was given alone in the last 24
// hours. A grant is written when the gate admits a raise, in the same transaction that read the totals
// (under a per-person lock), so two raises at once cannot both fit into the last room left. It counts
// until its write is known to have failed; one whose write never appeared (the process died before
// sending) stops counting after a while. Reductions never give room back (docs/decisions/105). The
// whole transaction uses its own connection only: holding the lock while waiting for a second one from
// the pool could stall every gate behind it.

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

/**
 * Looks up the outcome of grants whose write was still unconfirmed when last seen, and settles them:
 * a refused or never-sent write is voided (its room comes back); anything else counts. Usually only
 * the last few grants are unsettled, so this stays cheap however many a person has made today.
 */
async function settleGrants(tx: Prisma.TransactionClient, where: Prisma.BudgetGrantWhereInput, now: Date): Promise<void> {
  const open = await tx.budgetGrant.findMany({ where: { ...where, settled: false }, select: { id: true, operationKey: true, createdAt: true } });
  if (open.length === 0) return;
  const operations = await findOperations(open.map((g) => g.operationKey), tx);
  const counted: string[] = [];
  const voided: string[] = [];
  for (const grant of open) {
    const operation = operations.get(grant.operationKey);
    if (!operation) {
      if (now.getTime() - grant.createdAt.getTime() >= NEVER_SENT_AFTER_MS) voided.push(grant.id);
    } else if (operation.status === 'FAILED') voided.push(grant.id);
    else if (operation.status === 'SUCCEEDED') counted.push(grant.id);
  }
  if (counted.length) await tx.budgetGrant.updateMany({ where: { id: { in: counted } }, data: { settled: true } });
  if (voided.length) await tx.budgetGrant.updateMany({ where: { id: { in: voided } }, data: { settled: true, voided: true } });
}

/** What `actorId` added alone in the window, and what was added alone to `cardId` (null: no card). */
export async function usageOf(tx: Prisma.TransactionClient, who: { actorId: string; cardId: string | null }, now: Date): Promise<Usage> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const window = { changeId: null, createdAt: { gte: since } };
  const person = { ...window, actorId: who.actorId };
  const card = who.cardId ? { ...window, cardId: who.cardId } : null;
  await settleGrants(tx, card ? { OR: [person, card] } : person, now);
  const [sums] = await tx.$queryRaw<Array<{ person: bigint; card: bigint }>>`
    SELECT COALESCE(SUM(g."increaseMinor") FILTER (WHERE g."actorId" = ${who.actorId}::uuid), 0)::bigint AS person,
           COALESCE(SUM(g."increaseMinor") FILTER (WHERE g."cardId" = ${who.cardId}::uuid), 0)::bigint AS card
    FROM "BudgetGrant" g
    WHERE g."changeId" IS NULL AND NOT g.voided AND g."createdAt" >= ${utc(since)}
      AND (g."actorId" = ${who.actorId}::uuid OR g."cardId" = ${who.cardId}::uuid)`;
  return { personMinor: sums?.person ?? 0n, cardMinor: card ? (sums?.card ?? 0n) : null };
}

export async function recordGrant(tx: Prisma.TransactionClient, draft: GrantDraft): Promise<void> {
  // A repeat of the same write (a retry of an admitted intent) is one grant.
  await tx.budgetGrant.createMany({ data: [{ ...draft, changeId: draft.changeId ?? null, approvedById: draft.approvedById ?? null }], skipDuplicates: true });
}

/** A new card's grant learns its card once Sparados created it, so the card's own total includes its first budget. */
export async function attachGrantToCard(operationKey: string, cardId: string, db: Prisma.TransactionClient = defaultDb): Promise<void> {
  await db.budgetGrant.updateMany({ where: { operationKey, cardId: null }, data: { cardId } });
}
