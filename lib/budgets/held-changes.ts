import 'server-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { BudgetChangeRequest } from '@/lib/generated/prisma/client';
import { findOperations, type OperationRecord } from '@/lib/operations/queries';
import { cardLabel, holderDisplayName } from './card-label';
import { figuresJson, shiftFigures, type BudgetFigures } from './math';
import { limitWords, type LimitName } from './policy';
import type { BudgetChangeState, BudgetChangeView } from './view-types';

// Reads of changes held for a second person (BudgetChangeRequest): for the requests inbox, the card
// page, the cards list and the approval itself. What became of an approved one is its write's outcome.

const MAX_WAITING = 500;
const RECENT_DECISIONS_MS = 86_400_000;

export async function loadChange(changeId: string): Promise<BudgetChangeRequest> {
  const change = await db.budgetChangeRequest.findUnique({ where: { id: changeId } });
  if (!change) throw new AppError('NOT_FOUND', 'This change no longer exists. Reload the page.');
  return change;
}

export function figuresBefore(change: BudgetChangeRequest): BudgetFigures | null {
  // Budget is always known when a change was planned; spent and available may not have been reported.
  if (change.budgetBeforeMinor === null) return null;
  return { budgetMinor: change.budgetBeforeMinor, spentMinor: change.spentBeforeMinor, availableMinor: change.availableBeforeMinor };
}

/** A held top-up's figures as it was planned (for a repeat of the same form). */
export async function heldFigures(changeId: string): Promise<{ cardId: string | null; before: BudgetFigures; delta: bigint; approvalId: string }> {
  const change = await loadChange(changeId);
  return {
    cardId: change.cardId,
    before: figuresBefore(change) ?? { budgetMinor: 0n, spentMinor: 0n, availableMinor: 0n },
    delta: change.deltaMinor ?? change.increaseMinor,
    approvalId: change.approvalSparadosId ?? '',
  };
}

function stateOf(change: BudgetChangeRequest, operation: Pick<OperationRecord, 'status' | 'errorMessage'> | undefined): { state: BudgetChangeState; note: string | null } {
  if (change.status === 'AWAITING_APPROVAL') return { state: 'awaiting_approval', note: null };
  if (change.status === 'DECLINED') return { state: 'declined', note: change.declineReason };
  // A policy change is written with its approval; a Simple API cardholder's contact lives in the panel only.
  if (change.kind === 'POLICY' || (change.kind === 'CONTACT' && !operation)) return { state: 'applied', note: null };
  if (!operation) return { state: 'approved', note: null };
  if (operation.status === 'SUCCEEDED') return { state: 'applied', note: null };
  if (operation.status === 'FAILED') return { state: 'failed', note: operation.errorMessage };
  return { state: 'checking', note: null };
}

type ChangeRow = BudgetChangeRequest & { card: { description: string | null; cardholder: { firstName: string | null; lastName: string | null; email: string } } | null };

const changeInclude = { card: { select: { description: true, cardholder: { select: { firstName: true, lastName: true, email: true } } } } } as const;

function labelOf(row: ChangeRow): string {
  if (row.card) return cardLabel({ description: row.card.description, holder: row.card.cardholder });
  if (row.kind === 'POLICY') return 'the budget policy';
  if (row.kind === 'CONTACT') return 'a cardholder';
  return 'a new card';
}

function reasonOf(row: BudgetChangeRequest, role: 'OPERATOR' | 'APPROVER' | 'ADMIN' | 'VIEWER'): string | null {
  if (row.kind === 'CONTACT') return 'contact data one-time codes are sent to changes only with a second person';
  if (!row.heldBy) return null;
  const used = row.usedMinor ?? 0n;
  const limit = row.limitMinor ?? 0n;
  return limitWords({ ok: false, limit: row.heldBy as LimitName, limitMinor: limit, usedMinor: used, leftMinor: limit > used ? limit - used : 0n }, row.currency, role);
}

async function views(rows: ChangeRow[]): Promise<BudgetChangeView[]> {
  const keys = rows.map((r) => r.operationKey).filter((k): k is string => Boolean(k));
  const requesters = await db.adminUser.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.requestedById))] } }, select: { id: true, role: true } });
  const roleOf = new Map(requesters.map((u) => [u.id, u.role]));
  const byKey = await findOperations(keys);
  return rows.map((r) => {
    const before = figuresBefore(r);
    const { state, note } = stateOf(r, r.operationKey ? byKey.get(r.operationKey) : undefined);
    const delta = r.deltaMinor;
    return {
      id: r.id,
      kind: r.kind,
      cardId: r.cardId,
      label: labelOf(r),
      holderName: r.card ? holderDisplayName(r.card.cardholder) : null,
      currency: r.currency,
      summary: r.summary,
      reason: reasonOf(r, roleOf.get(r.requestedById) ?? 'OPERATOR'),
      increaseMinor: r.increaseMinor.toString(),
      requestedById: r.requestedById,
      requestedByName: r.requestedByName,
      requestedAt: r.createdAt.toISOString(),
      mode: r.mode === 'TARGET' ? 'TARGET' : r.mode === 'BY' ? 'BY' : null,
      deltaMinor: delta === null ? null : delta.toString(),
      before: before ? figuresJson(before) : null,
      after: before && delta !== null ? figuresJson(shiftFigures(before, delta)) : null,
      state,
      decidedByName: r.decidedByName,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      note,
    };
  });
}

/** Changes waiting for a second person (oldest first) and those decided in the last day; optionally of one card. */
export async function listBudgetChanges(now: Date = new Date(), cardId?: string): Promise<{ waiting: BudgetChangeView[]; recent: BudgetChangeView[] }> {
  const card = cardId ? { cardId } : {};
  const [waiting, recent] = await Promise.all([
    db.budgetChangeRequest.findMany({ where: { status: 'AWAITING_APPROVAL', ...card }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: MAX_WAITING, include: changeInclude }),
    db.budgetChangeRequest.findMany({
      where: { status: { not: 'AWAITING_APPROVAL' }, decidedAt: { gte: new Date(now.getTime() - RECENT_DECISIONS_MS) }, ...card },
      orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }],
      take: 50,
      include: changeInclude,
    }),
  ]);
  const [w, r] = await Promise.all([views(waiting), views(recent)]);
  return { waiting: w, recent: r };
}

/** Of these cards, those with a change waiting for a second person (the cards list's badge). */
export async function cardsWithWaitingChanges(cardIds: readonly string[]): Promise<Set<string>> {
  if (cardIds.length === 0) return new Set();
  const rows = await db.budgetChangeRequest.findMany({ where: { cardId: { in: [...cardIds] }, status: 'AWAITING_APPROVAL' }, select: { cardId: true }, distinct: ['cardId'] });
  return new Set(rows.map((r) => r.cardId).filter((id): id is string => id !== null));
}

/** How many changes wait for a second person (the sidebar's count). */
export function countWaitingChanges(): Promise<number> {
  return db.budgetChangeRequest.count({ where: { status: 'AWAITING_APPROVAL' } });
}

export type HeldOutcome =
  | { state: 'waiting' }
  | { state: 'declined'; message: string }
  | { state: 'applied'; approvalId: string | null; cardId: string | null }
  | { state: 'failed'; message: string };

/** What became of the changes held under these intent keys (a bulk row's key), by key. */
export async function heldOutcomes(requestKeys: readonly string[]): Promise<Map<string, HeldOutcome>> {
  if (requestKeys.length === 0) return new Map();
  const changes = await db.budgetChangeRequest.findMany({ where: { requestKey: { in: [...requestKeys] } } });
  const operations = await findOperations(changes.map((c) => c.operationKey).filter((k): k is string => Boolean(k)));
  const out = new Map<string, HeldOutcome>();
  for (const change of changes) {
    if (change.status === 'AWAITING_APPROVAL') {
      out.set(change.requestKey, { state: 'waiting' });
    } else if (change.status === 'DECLINED') {
      const who = change.decidedById === change.requestedById ? `Withdrawn by ${change.requestedByName}` : `Declined by ${change.decidedByName ?? 'an approver'}`;
      out.set(change.requestKey, { state: 'declined', message: `${who}${change.declineReason ? `: ${change.declineReason}` : '.'}` });
    } else {
      const operation = change.operationKey ? operations.get(change.operationKey) : undefined;
      if (operation?.status === 'SUCCEEDED') {
        const id = (operation.response as { id?: unknown } | null)?.id;
        out.set(change.requestKey, { state: 'applied', approvalId: typeof id === 'string' ? id : null, cardId: operation.cardId ?? change.cardId });
      } else if (operation?.status === 'FAILED') {
        out.set(change.requestKey, { state: 'failed', message: `Approved by ${change.decidedByName ?? 'an approver'}, then refused by Sparados: ${operation.errorMessage ?? 'no reason given'}` });
      } else {
        out.set(change.requestKey, { state: 'waiting' });
      }
    }
  }
  return out;
}

/** Of these change requests (reapproval ids), those whose acceptance is held for a second person, and by whom it was asked. */
export async function heldAccepts(requestIds: readonly string[]): Promise<Map<string, { changeId: string; requestedByName: string }>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db.budgetChangeRequest.findMany({
    where: { kind: 'ACCEPT_REQUEST', approvalSparadosId: { in: [...requestIds] }, status: 'AWAITING_APPROVAL' },
    select: { id: true, approvalSparadosId: true, requestedByName: true },
  });
  return new Map(rows.map((r) => [r.approvalSparadosId!, { changeId: r.id, requestedByName: r.requestedByName }]));
}
