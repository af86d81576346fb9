import 'server-only';
import { getAccountsConfig } from '@/lib/accounts/queries';
import { getMccCategories } from '@/lib/approvals/mcc-settings';
import { limitsInWords, readStoredRules } from '@/lib/approvals/rules-view';
import { cardLabel, holderDisplayName } from '@/lib/budgets/card-label';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { Approval as ApprovalRow, Prisma } from '@/lib/generated/prisma/client';
import { countWaitingChanges, heldAccepts, listBudgetChanges } from '@/lib/budgets/held-changes';
import { approvalsWithUnfinished, unfinishedOperationsOfCard } from '@/lib/operations/queries';
import { utc } from '@/lib/transactions/where';
import { expiresAt } from './expiry';
import type { CardInFlight, ChangeRequestView, RequestSide, RequestsInbox } from './view-types';

// Reads of the requests inbox (issue 6 item 1): change requests (CREATED reapprovals) oldest first,
// each beside the approval its card follows now, and budget changes waiting for a second approver.

/** The window of "recent spend" shown beside a request. */
export const SPEND_DAYS = 30;
const MAX_REQUESTS = 500;
const SPEND_STATUSES = ['AUTHORIZED', 'CLEARED'];
const DECISION_KINDS = ['approval.accept', 'approval.reject', 'approval.edit', 'approval.cancel'];

/**
 * Hours an unanswered change request lives. Sparados does not document it: SPARADOS_REAPPROVAL_EXPIRY_HOURS
 * says it; against the sandbox its own setting applies (SANDBOX_REAPPROVAL_EXPIRY_HOURS, 72 by default
 * as in sandbox/config.ts); otherwise it is unknown.
 */
export function reapprovalExpiryHours(): number | null {
  const env = getEnv();
  if (env.SPARADOS_REAPPROVAL_EXPIRY_HOURS !== undefined) return env.SPARADOS_REAPPROVAL_EXPIRY_HOURS;
  if (env.SPARADOS_ENV === 'sandbox') return env.SANDBOX_REAPPROVAL_EXPIRY_HOURS ?? 72;
  return null;
}

async function currencies(): Promise<Map<string, string>> {
  try {
    return new Map((await getAccountsConfig()).accounts.map((a) => [a.cardAliasId, a.currency]));
  } catch {
    return new Map();
  }
}

type Catalog = Awaited<ReturnType<typeof getMccCategories>>;

function side(a: ApprovalRow, currency: string | null, catalog: Catalog): RequestSide {
  return {
    approvalId: a.sparadosId,
    budgetMinor: a.budgetMinor.toString(),
    spentMinor: a.spentMinor?.toString() ?? null,
    availableMinor: a.availableMinor?.toString() ?? null,
    startDate: a.startDate.toISOString(),
    endDate: a.endDate.toISOString(),
    timezone: a.timezone,
    limits: limitsInWords(readStoredRules(a.rules), currency ?? 'XXX', catalog),
  };
}

/** Card spend in the transaction mirror since `since`: AUTHORIZED plus CLEARED, refunds negative. */
export async function recentSpendByCard(cardIds: readonly string[], since: Date): Promise<Map<string, { amountMinor: bigint; payments: number; lastAt: Date | null }>> {
  if (cardIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ cardId: string; sum: bigint; n: number; last: Date | null }>>`
    SELECT t."cardId" AS "cardId", COALESCE(sum(t."amountMinor"), 0)::bigint AS sum, count(*)::int AS n, max(t."occurredAt") AS last
    FROM "Transaction" t
    WHERE t."cardId" = ANY(CAST(${[...cardIds]} AS uuid[]))
      AND t.status = ANY(CAST(${SPEND_STATUSES} AS "TransactionStatus"[]))
      AND t."occurredAt" >= ${utc(since)}
    GROUP BY t."cardId"`;
  return new Map(rows.map((r) => [r.cardId, { amountMinor: r.sum, payments: r.n, lastAt: r.last }]));
}

export async function listChangeRequests(now: Date = new Date()): Promise<ChangeRequestView[]> {
  const rows = await db.approval.findMany({
    where: { status: 'CREATED', parentSparadosId: { not: null } },
    orderBy: [{ sparadosCreatedAt: 'asc' }, { createdAt: 'asc' }],
    take: MAX_REQUESTS,
    include: { card: { include: { cardholder: true } } },
  });
  if (rows.length === 0) return [];
  const parentIds = rows.map((r) => r.parentSparadosId!).filter(Boolean);
  const [parents, accounts, catalog, spend, inFlight] = await Promise.all([
    db.approval.findMany({ where: { sparadosId: { in: parentIds } } }),
    currencies(),
    getMccCategories(),
    recentSpendByCard([...new Set(rows.map((r) => r.cardId))], new Date(now.getTime() - SPEND_DAYS * 86_400_000)),
    approvalsWithUnfinished(rows.map((r) => r.sparadosId), DECISION_KINDS),
  ]);
  const held = await heldAccepts(rows.map((r) => r.sparadosId));
  const parentById = new Map(parents.map((p) => [p.sparadosId, p]));
  const checking = inFlight;
  const hours = reapprovalExpiryHours();

  return rows.map((r) => {
    const parent = parentById.get(r.parentSparadosId!) ?? null;
    const currency = accounts.get(r.balanceAliasId) ?? null;
    const requested = side(r, currency, catalog);
    const current = parent ? side(parent, currency, catalog) : null;
    const holder = r.card.cardholder;
    const askedAt = r.sparadosCreatedAt ?? r.createdAt;
    const spent = spend.get(r.cardId);
    return {
      approvalId: r.sparadosId,
      cardId: r.cardId,
      label: cardLabel({ description: r.card.description, holder }),
      description: r.card.description,
      holder: { name: holderDisplayName(holder), email: holder.email },
      askedBy: r.origin === 'CORPORATION' ? 'the corporation' : holderDisplayName(holder),
      askedAt: askedAt.toISOString(),
      currency,
      current,
      requested,
      changed: {
        budget: !current || current.budgetMinor !== requested.budgetMinor,
        endDate: !current || current.endDate !== requested.endDate,
        limits: !current || current.limits.join('\n') !== requested.limits.join('\n'),
      },
      recentSpend: spent ? { days: SPEND_DAYS, amountMinor: spent.amountMinor.toString(), payments: spent.payments, lastAt: spent.lastAt?.toISOString() ?? null } : null,
      expiresAt: expiresAt(askedAt, hours)?.toISOString() ?? null,
      checking: checking.has(r.sparadosId),
      acceptHeld: held.get(r.sparadosId) ?? null,
    };
  });
}

export async function getRequestsInbox(now: Date = new Date()): Promise<RequestsInbox> {
  const [requests, changes] = await Promise.all([listChangeRequests(now), listBudgetChanges(now)]);
  return { requests, budgetChanges: changes.waiting, recentBudgetChanges: changes.recent, expiryHours: reapprovalExpiryHours(), generatedAt: new Date().toISOString() };
}

// ---- the sidebar's count ----

/** Change requests and budget changes waiting for an answer. */
export async function countOpenRequests(): Promise<number> {
  const [requests, changes] = await Promise.all([
    db.approval.count({ where: { status: 'CREATED', parentSparadosId: { not: null } } }),
    countWaitingChanges(),
  ]);
  return requests + changes;
}

const COUNT_TTL_MS = 5_000;
const countCache = globalThis as unknown as { sparadosRequestCount?: { at: number; value: Promise<number> } };

/**
 * The count every open tab polls: one database read per process every few seconds, however many
 * admins are signed in. A decision calls forgetOpenRequestCount so its own tab sees it at once.
 */
export function cachedOpenRequestCount(now: number = Date.now()): Promise<number> {
  const hit = countCache.sparadosRequestCount;
  if (hit && now - hit.at < COUNT_TTL_MS) return hit.value;
  const value = countOpenRequests().catch((error: unknown) => {
    countCache.sparadosRequestCount = undefined;
    throw error;
  });
  countCache.sparadosRequestCount = { at: now, value };
  return value;
}

export function forgetOpenRequestCount(): void {
  countCache.sparadosRequestCount = undefined;
}

// ---- the card page: what is in flight for one card ----

const KIND_LABELS: Record<string, string> = {
  'approval.budget': 'Budget change',
  'approval.lock': 'Lock',
  'approval.unlock': 'Unlock',
  'approval.edit': 'Edit',
  'approval.cancel': 'Cancellation',
  'approval.unassign': 'Unassignment',
  'approval.accept': 'Accepting a change request',
  'approval.reject': 'Rejecting a change request',
  'approval.create': 'Assignment',
};

export async function cardInFlight(cardId: string, now: Date = new Date()): Promise<CardInFlight> {
  const [operations, changes] = await Promise.all([
    unfinishedOperationsOfCard(cardId),
    listBudgetChanges(now, cardId),
  ]);
  return {
    checking: operations.map((o) => ({
      id: o.id,
      kind: o.kind,
      label: KIND_LABELS[o.kind] ?? o.kind,
      since: o.createdAt.toISOString(),
      detail: o.kind === 'approval.budget' ? budgetDetail(o.request) : null,
    })),
    budgetChanges: [...changes.waiting, ...changes.recent],
  };
}

function budgetDetail(request: Prisma.JsonValue): string | null {
  const value = request as { additionalBudgetMinor?: unknown } | null;
  return value && typeof value.additionalBudgetMinor === 'number' ? String(value.additionalBudgetMinor) : null;
}
