import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { deriveKey } from '@/lib/approvals/idempotency-keys';
import type { BudgetRequest } from '@/lib/approvals/operations';
import { can } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';
import type { BudgetChangeRequest } from '@/lib/generated/prisma/client';
import { formatMoney } from '@/lib/money';
import { forgetOpenRequestCount } from '@/lib/requests/queries';
import { sendBudgetDelta } from './change';
import { figuresJson, planBudgetChange, type BudgetFigures, type BudgetFiguresJson } from './math';
import { assertBudgetChangeAllowed, cardLabelOf, readBudgetTarget } from './target';
import { mayApprove } from './thresholds';

// The second pair of eyes (docs/decisions/101). A waiting change is approved by someone other than
// its requester who may decide requests; approving claims the row (AWAITING_APPROVAL → APPROVED with
// the key of its write) in one UPDATE, so two approvers clicking at once send it once. The write
// then goes through the same write-intent path as any top-up; its outcome is that operation's.

export type ApprovalOutcome = 'applied' | 'checking' | 'failed';

export interface BudgetDecisionResult {
  changeId: string;
  cardId: string;
  label: string;
  currency: string;
  requestedByName: string;
  deltaMinor: string;
  before: BudgetFiguresJson;
  after: BudgetFiguresJson;
  approvalId: string;
  /** approve: what happened to the write; decline/withdraw: null. */
  outcome: ApprovalOutcome | null;
  /** Why Sparados refused, when the write failed. */
  message: string | null;
  reason: string | null;
  replayed: boolean;
}

/** The key of the write an approved change sends: derived, so a repeat of the approval finds it. */
export function applyKeyOf(changeId: string): string {
  return deriveKey('budget-change', changeId, 'apply');
}

function snapshot(change: BudgetChangeRequest): BudgetFigures {
  return { budgetMinor: change.budgetBeforeMinor, spentMinor: change.spentBeforeMinor, availableMinor: change.availableBeforeMinor };
}

async function base(change: BudgetChangeRequest, figures: { before: BudgetFigures; delta: bigint; approvalId: string }) {
  const { before, delta } = figures;
  return {
    changeId: change.id,
    cardId: change.cardId,
    label: await cardLabelOf(change.cardId),
    currency: change.currency,
    requestedByName: change.requestedByName,
    deltaMinor: delta.toString(),
    before: figuresJson(before),
    after: figuresJson({ budgetMinor: before.budgetMinor + delta, spentMinor: before.spentMinor, availableMinor: before.availableMinor + delta }),
    approvalId: figures.approvalId,
  };
}

const CONCURRENT_CLAIM_MS = 10_000;

async function findOperation(key: string, waitMs: number): Promise<{ request: unknown } | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await db.pendingOperation.findUnique({ where: { idempotencyKey: key }, select: { request: true } });
    if (row || Date.now() >= deadline) return row;
    await sleep(100);
  }
}

async function load(changeId: string): Promise<BudgetChangeRequest> {
  const change = await db.budgetChangeRequest.findUnique({ where: { id: changeId } });
  if (!change) throw new AppError('NOT_FOUND', 'This budget change no longer exists. Reload the page.');
  return change;
}

/** The change as it is to be sent now: a target is reached from the figures of this moment. */
async function planNow(change: BudgetChangeRequest): Promise<{ request: BudgetRequest; before: BudgetFigures; delta: bigint }> {
  const target = await readBudgetTarget(change.cardId, null);
  assertBudgetChangeAllowed(target);
  const amount = change.amountMinor;
  const plan = change.mode === 'TARGET' ? planBudgetChange(target, 'target', amount, change.currency) : planBudgetChange(target, amount > 0n ? 'increase' : 'decrease', amount > 0n ? amount : -amount, change.currency);
  if (!plan.ok) throw new AppError(plan.reason === 'BELOW_SPENT' ? 'BUDGET_RULE' : 'CONFLICT', plan.message);
  return { request: { approvalId: target.sparadosId, additionalBudgetMinor: Number(plan.deltaMinor) }, before: target, delta: plan.deltaMinor };
}

export async function approveBudgetChange(changeId: string, user: SessionUser): Promise<BudgetDecisionResult> {
  let change = await load(changeId);
  const allowed = mayApprove({ id: user.id, canDecide: can(user.role, 'requests.decide') }, change.requestedById);
  if (!allowed.ok) {
    throw new AppError('FORBIDDEN', allowed.reason === 'OWN' ? 'You asked for this change, so someone else must approve it (four eyes).' : 'Only an Approver or an Admin can approve budget changes.');
  }
  if (change.status === 'DECLINED') throw new AppError('INVALID_STATE', `${change.decidedByName ?? 'Someone'} already declined this change.`);

  const operationKey = applyKeyOf(change.id);
  let planned: Awaited<ReturnType<typeof planNow>> | null = null;
  let replayed = false;
  if (change.status === 'AWAITING_APPROVAL') {
    planned = await planNow(change);
    const claimed = await db.budgetChangeRequest.updateMany({
      where: { id: change.id, status: 'AWAITING_APPROVAL' },
      data: { status: 'APPROVED', decidedById: user.id, decidedByName: user.name, decidedAt: new Date(), operationKey },
    });
    forgetOpenRequestCount();
    if (claimed.count === 0) {
      planned = null;
      change = await load(changeId);
      if (change.status === 'DECLINED') throw new AppError('INVALID_STATE', `${change.decidedByName ?? 'Someone'} declined this change meanwhile.`);
    }
  }
  if (!planned) {
    // Approved before: by this approver (a double click or retry) it is finished or replayed; by someone else it is theirs.
    // Just approved by a concurrent click: its write is about to be recorded; wait for it rather than plan again.
    const justNow = change.decidedAt !== null && Date.now() - change.decidedAt.getTime() < CONCURRENT_CLAIM_MS;
    const stored = await findOperation(operationKey, justNow ? CONCURRENT_CLAIM_MS : 0);
    if (stored && change.decidedById !== user.id) throw new AppError('CONFLICT', `${change.decidedByName ?? 'Another approver'} already approved this change.`);
    replayed = Boolean(stored);
    if (stored) {
      const request = stored.request as BudgetRequest;
      const delta = BigInt(request.additionalBudgetMinor);
      const row = await db.approval.findUnique({ where: { sparadosId: request.approvalId } });
      const before = row ? { budgetMinor: row.budgetMinor - delta, spentMinor: row.spentMinor, availableMinor: row.availableMinor - delta } : snapshot(change);
      planned = { request, before, delta };
    } else {
      // Approved, then the panel stopped before sending: finish it now.
      planned = await planNow(change);
    }
  }

  const common = await base(change, { before: planned.before, delta: planned.delta, approvalId: planned.request.approvalId });
  try {
    const sent = await sendBudgetDelta({ idempotencyKey: operationKey, cardId: change.cardId, actorId: user.id, request: planned.request });
    const after = sent.after ? figuresJson(sent.after) : common.after;
    return { ...common, after, outcome: sent.outcome, message: null, reason: null, replayed: replayed && sent.replayed };
  } catch (error) {
    // Sparados refused the write: the decision stands (and is audited); the change shows as failed.
    if (!isAppError(error)) throw error;
    const message = error.message;
    return { ...common, outcome: 'failed', message, reason: null, replayed };
  }
}

async function close(changeId: string, user: SessionUser, reason: string, kind: 'decline' | 'withdraw'): Promise<BudgetDecisionResult> {
  const change = await load(changeId);
  if (kind === 'withdraw' && change.requestedById !== user.id) throw new AppError('FORBIDDEN', 'Only the person who asked for a change can withdraw it.');
  const closed = await db.budgetChangeRequest.updateMany({
    where: { id: change.id, status: 'AWAITING_APPROVAL' },
    data: { status: 'DECLINED', decidedById: user.id, decidedByName: user.name, decidedAt: new Date(), declineReason: reason || null },
  });
  let replayed = false;
  forgetOpenRequestCount();
  if (closed.count === 0) {
    const now = await load(changeId);
    // A repeat of this same decision answers as the first did; anything else is out of date.
    if (now.status !== 'DECLINED' || now.decidedById !== user.id) {
      throw new AppError('INVALID_STATE', now.status === 'APPROVED' ? `${now.decidedByName ?? 'Another approver'} already approved this change.` : `${now.decidedByName ?? 'Someone'} already declined this change.`);
    }
    replayed = true;
  }
  const common = await base(change, { before: snapshot(change), delta: change.deltaMinor, approvalId: change.approvalSparadosId });
  return { ...common, outcome: null, message: null, reason: reason || null, replayed };
}

export function declineBudgetChange(changeId: string, reason: string, user: SessionUser): Promise<BudgetDecisionResult> {
  return close(changeId, user, reason, 'decline');
}

export function withdrawBudgetChange(changeId: string, user: SessionUser): Promise<BudgetDecisionResult> {
  return close(changeId, user, '', 'withdraw');
}

// ---- audit sentences ----

function changeWords(r: BudgetDecisionResult): string {
  const verb = BigInt(r.deltaMinor) > 0n ? 'raise' : 'lower';
  return `to ${verb} the budget of ${r.label} from ${formatMoney(BigInt(r.before.budgetMinor), r.currency)} to ${formatMoney(BigInt(r.after.budgetMinor), r.currency)}`;
}

export function describeDecision(actorName: string, kind: 'approve' | 'decline' | 'withdraw', r: BudgetDecisionResult): string {
  if (kind === 'withdraw') return `${actorName} withdrew their request ${changeWords(r)}.`;
  if (kind === 'decline') return `${actorName} declined ${r.requestedByName}'s request ${changeWords(r)}${r.reason ? `: “${r.reason}”` : ''}.`;
  const tail = r.outcome === 'applied' ? 'Sparados applied it.' : r.outcome === 'checking' ? 'Sparados has not confirmed it yet; the panel keeps checking.' : `Sparados refused it: ${r.message}`;
  return `${actorName} approved ${r.requestedByName}'s request ${changeWords(r)}. ${tail}`;
}

export function decisionAuditDraft(actorName: string, kind: 'approve' | 'decline' | 'withdraw', r: BudgetDecisionResult) {
  return {
    action: kind === 'approve' ? 'budgets.change_approved' : kind === 'decline' ? 'budgets.change_declined' : 'budgets.change_withdrawn',
    summary: describeDecision(actorName, kind, r),
    targetType: 'card',
    targetId: r.cardId,
    before: { approvalId: r.approvalId, currency: r.currency, ...r.before, changeId: r.changeId, status: 'AWAITING_APPROVAL' },
    after: { approvalId: r.approvalId, currency: r.currency, ...r.after, changeId: r.changeId, outcome: r.outcome, reason: r.reason },
  };
}
