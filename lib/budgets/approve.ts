import 'server-only';
import { assignCard } from '@/lib/approvals/assign';
import type { AssignForm } from '@/lib/approvals/assign-schema';
import type { EditCard } from '@/lib/approvals/card-action-schemas';
import { editCardRules } from '@/lib/approvals/card-actions';
import { deriveKey } from '@/lib/approvals/idempotency-keys';
import { can } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';
import type { BudgetChangeRequest } from '@/lib/generated/prisma/client';
import { findOperation } from '@/lib/operations/queries';
import type { EditCardholder } from '@/lib/cardholders/schemas';
import { updateCardholderContact } from '@/lib/cardholders/update';
import { decideChangeRequest, editAndAcceptRequest } from '@/lib/requests/decide';
import { forgetOpenRequestCount } from '@/lib/requests/queries';
import { requestBudgetChange } from './change';
import type { ApprovedChange } from './gate';
import { figuresBefore, loadChange } from './held-changes';
import { figuresJson, shiftFigures, type BudgetFiguresJson } from './math';
import { fromPayload } from './payload';
import { applyPolicyChange } from './policy-change';
import { assertSecondPerson } from './second-person';

// Deciding a change the budget policy held (docs/decisions/101, 105). Approving claims the row
// (AWAITING_APPROVAL → APPROVED, with the key of its write) in one conditional UPDATE, so two approvers
// clicking at once carry it out once; then the change is carried out by the very path that held it
// (top-up, edit, assign, accept), with the approval standing in for the requester's allowance and a key
// derived from the change, so approving twice sends it once. A change refused before anything was sent
// (the card moved on meanwhile) goes back to waiting, to be approved again or declined.

export type ApprovalOutcome = 'applied' | 'checking' | 'failed';

export interface ChangeDecisionResult {
  changeId: string;
  kind: BudgetChangeRequest['kind'];
  /** The card it is about (for an assignment: the card it created, once created). */
  cardId: string | null;
  /** A contact change: the cardholder. */
  cardholderId: string | null;
  summary: string;
  currency: string;
  requestedById: string;
  requestedByName: string;
  /** Top-ups: the budget change as carried out, and the figures it was planned on and leads to. */
  deltaMinor: string | null;
  before: BudgetFiguresJson | null;
  after: BudgetFiguresJson | null;
  /** approve: what became of the write; decline and withdraw: null. */
  outcome: ApprovalOutcome | null;
  /** Why Sparados refused, when the write failed. */
  message: string | null;
  /** The decline reason. */
  reason: string | null;
  replayed: boolean;
}

/** The key the approved change is carried out with: derived, so a repeat of the approval finds it. */
export function applyKeyOf(changeId: string): string {
  return deriveKey('budget-change', changeId, 'apply');
}

interface AcceptPayload {
  cardId: string;
  approvalId: string;
  edit: { currency: string; budget: string; endDate: string } | null;
}

/** The key of the write whose outcome is the change's outcome. */
function operationKeyOf(change: BudgetChangeRequest): string | null {
  // A contact change of a Simple API cardholder writes only the panel's directory: no Sparados write.
  if (change.kind === 'CONTACT') return applyKeyOf(change.id);
  const base = applyKeyOf(change.id);
  if (change.kind === 'ACCEPT_REQUEST' && fromPayload<AcceptPayload>(change.payload).edit) return deriveKey(base, 'accept');
  return base;
}

function assertMayDecide(change: BudgetChangeRequest, user: SessionUser): void {
  if (change.kind === 'POLICY') {
    if (!can(user.role, 'settings.manage')) throw new AppError('FORBIDDEN', 'Only an Admin can approve a change of the budget policy.');
  } else if (!can(user.role, 'requests.decide')) {
    throw new AppError('FORBIDDEN', 'Only an Approver or an Admin can approve budget changes.');
  }
}

function base(change: BudgetChangeRequest): Omit<ChangeDecisionResult, 'outcome' | 'message' | 'reason' | 'replayed'> {
  const before = figuresBefore(change);
  const delta = change.deltaMinor;
  return {
    changeId: change.id,
    kind: change.kind,
    cardId: change.cardId,
    cardholderId: change.kind === 'CONTACT' ? fromPayload<{ cardholderId: string }>(change.payload).cardholderId : null,
    summary: change.summary,
    currency: change.currency,
    requestedById: change.requestedById,
    requestedByName: change.requestedByName,
    deltaMinor: delta === null ? null : delta.toString(),
    before: before ? figuresJson(before) : null,
    after: before && delta !== null ? figuresJson(shiftFigures(before, delta)) : null,
  };
}

interface Execution {
  outcome: 'applied' | 'checking';
  cardId: string | null;
  /** True when the write had been made already (a concurrent or earlier click): it is not audited again. */
  replayed: boolean;
  deltaMinor?: string;
  before?: BudgetFiguresJson;
  after?: BudgetFiguresJson;
}

function notHeldAgain<T extends { held: unknown }>(result: T): T {
  if (result.held) throw new Error('an approved change was held again');
  return result;
}

async function execute(change: BudgetChangeRequest, approver: SessionUser): Promise<Execution> {
  const key = applyKeyOf(change.id);
  const approved: ApprovedChange = { change, approver };
  switch (change.kind) {
    case 'TOP_UP': {
      if (!change.cardId || change.amountMinor === null) throw new Error(`top-up ${change.id} has no card or amount`);
      const amount = change.amountMinor;
      const mode = change.mode === 'TARGET' ? 'target' : amount > 0n ? 'increase' : 'decrease';
      const r = notHeldAgain(
        await requestBudgetChange({ cardId: change.cardId, approvalId: null, idempotencyKey: key, currency: change.currency, mode, amountMinor: mode === 'decrease' ? -amount : amount }, approver, approved),
      );
      if (r.outcome === 'awaiting_approval') throw new Error('unreachable');
      return { outcome: r.outcome, cardId: r.cardId, replayed: r.replayed, deltaMinor: r.deltaMinor, before: r.before, after: r.after };
    }
    case 'EDIT': {
      const input = fromPayload<EditCard>(change.payload);
      const r = notHeldAgain(await editCardRules({ ...input, idempotencyKey: key }, approver, approved));
      return { outcome: 'applied', cardId: r.cardId, replayed: r.replayed };
    }
    case 'ASSIGN': {
      const form = fromPayload<AssignForm>(change.payload);
      const r = notHeldAgain(await assignCard({ ...form, idempotencyKey: key }, { actor: approver, approved }));
      if (r.cardId) await db.budgetChangeRequest.update({ where: { id: change.id }, data: { cardId: r.cardId } });
      return { outcome: 'applied', cardId: r.cardId, replayed: r.replayed };
    }
    case 'ACCEPT_REQUEST': {
      const p = fromPayload<AcceptPayload>(change.payload);
      const r = notHeldAgain(
        p.edit
          ? await editAndAcceptRequest({ ...p.edit, cardId: p.cardId, approvalId: p.approvalId, idempotencyKey: key }, approver, approved)
          : await decideChangeRequest('accept', { cardId: p.cardId, approvalId: p.approvalId, idempotencyKey: key }, approver, approved),
      );
      return { outcome: 'applied', cardId: r.cardId, replayed: r.replayed };
    }
    case 'POLICY':
      return { outcome: 'applied', cardId: null, replayed: !(await applyPolicyChange(change, approver)) };
    case 'CONTACT': {
      const input = fromPayload<EditCardholder>(change.payload);
      const r = notHeldAgain(await updateCardholderContact({ ...input, idempotencyKey: key }, approver, { changeId: change.id, approver }));
      return { outcome: 'applied', cardId: null, replayed: r.replayed };
    }
  }
}

async function claim(change: BudgetChangeRequest, approver: SessionUser): Promise<{ change: BudgetChangeRequest; claimedNow: boolean }> {
  if (change.status === 'AWAITING_APPROVAL') {
    const decidedAt = new Date();
    const operationKey = change.kind === 'POLICY' ? null : operationKeyOf(change);
    const claimed = await db.budgetChangeRequest.updateMany({
      where: { id: change.id, status: 'AWAITING_APPROVAL' },
      data: { status: 'APPROVED', decidedById: approver.id, decidedByName: approver.name, decidedAt, operationKey },
    });
    forgetOpenRequestCount();
    if (claimed.count === 1) return { change: { ...change, status: 'APPROVED', decidedById: approver.id, decidedByName: approver.name, decidedAt, operationKey }, claimedNow: true };
    change = await loadChange(change.id);
  }
  if (change.status === 'DECLINED') throw new AppError('INVALID_STATE', `${change.decidedByName ?? 'Someone'} declined this change meanwhile.`);
  // Approved before: by this approver (a double click, a retry) it is carried out again under the same
  // key, which finishes or replays it; by someone else it is theirs.
  if (change.decidedById !== approver.id) throw new AppError('CONFLICT', `${change.decidedByName ?? 'Another approver'} already approved this change.`);
  return { change, claimedNow: false };
}

/** Puts an approved change back to waiting when carrying it out was refused before anything was sent. */
async function unclaim(change: BudgetChangeRequest, approver: SessionUser): Promise<void> {
  if (change.kind !== 'POLICY' && change.operationKey && (await findOperation(change.operationKey))) return;
  await db.budgetChangeRequest.updateMany({
    where: { id: change.id, status: 'APPROVED', decidedById: approver.id },
    data: { status: 'AWAITING_APPROVAL', decidedById: null, decidedByName: null, decidedAt: null, operationKey: null },
  });
  forgetOpenRequestCount();
}

export async function approveChange(changeId: string, approver: SessionUser): Promise<ChangeDecisionResult> {
  const loaded = await loadChange(changeId);
  assertMayDecide(loaded, approver);
  await assertSecondPerson(approver, { id: loaded.requestedById, name: loaded.requestedByName });
  if (loaded.status === 'DECLINED') throw new AppError('INVALID_STATE', `${loaded.decidedByName ?? 'Someone'} already declined this change.`);
  const { change, claimedNow } = await claim(loaded, approver);
  try {
    const done = await execute(change, approver);
    const planned = base(change);
    // Whichever click made the write audits the decision, once (two clicks at once: the other one replays).
    return {
      ...planned,
      cardId: done.cardId ?? change.cardId,
      deltaMinor: done.deltaMinor ?? planned.deltaMinor,
      before: done.before ?? planned.before,
      after: done.after ?? planned.after,
      outcome: done.outcome,
      message: null,
      reason: null,
      replayed: done.replayed,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'OUTCOME_PENDING') return { ...base(change), outcome: 'checking', message: null, reason: null, replayed: !claimedNow };
    const sent = change.operationKey ? await findOperation(change.operationKey) : null;
    if (!sent) {
      await unclaim(change, approver);
      throw error;
    }
    // Sparados refused the write: the decision stands (and is audited); the change shows as failed.
    return { ...base(change), outcome: 'failed', message: error.message, reason: null, replayed: !claimedNow };
  }
}

async function close(changeId: string, user: SessionUser, reason: string, kind: 'decline' | 'withdraw'): Promise<ChangeDecisionResult> {
  const change = await loadChange(changeId);
  if (kind === 'withdraw' && change.requestedById !== user.id) throw new AppError('FORBIDDEN', 'Only the person who asked for a change can withdraw it.');
  if (kind === 'decline') assertMayDecide(change, user);
  const closed = await db.budgetChangeRequest.updateMany({
    where: { id: change.id, status: 'AWAITING_APPROVAL' },
    data: { status: 'DECLINED', decidedById: user.id, decidedByName: user.name, decidedAt: new Date(), declineReason: reason || null },
  });
  let replayed = false;
  forgetOpenRequestCount();
  if (closed.count === 0) {
    const now = await loadChange(changeId);
    // A repeat of this same decision answers as the first did; anything else is out of date.
    if (now.status !== 'DECLINED' || now.decidedById !== user.id) {
      throw new AppError('INVALID_STATE', now.status === 'APPROVED' ? `${now.decidedByName ?? 'Another approver'} already approved this change.` : `${now.decidedByName ?? 'Someone'} already declined this change.`);
    }
    replayed = true;
  }
  return { ...base(change), outcome: null, message: null, reason: reason || null, replayed };
}

export function declineChange(changeId: string, reason: string, user: SessionUser): Promise<ChangeDecisionResult> {
  return close(changeId, user, reason, 'decline');
}

export function withdrawChange(changeId: string, user: SessionUser): Promise<ChangeDecisionResult> {
  return close(changeId, user, '', 'withdraw');
}

// ---- audit sentences: both names, always ----

export function describeDecision(actorName: string, kind: 'approve' | 'decline' | 'withdraw', r: ChangeDecisionResult): string {
  if (kind === 'withdraw') return `${actorName} withdrew their request to ${r.summary}.`;
  if (kind === 'decline') return `${actorName} declined ${r.requestedByName}'s request to ${r.summary}${r.reason ? `: “${r.reason}”` : ''}.`;
  const tail =
    r.kind === 'POLICY' || r.kind === 'CONTACT'
      ? 'It applies from now on.'
      : r.outcome === 'applied'
        ? 'Sparados applied it.'
        : r.outcome === 'checking'
          ? 'Sparados has not confirmed it yet; the panel keeps checking.'
          : `Sparados refused it: ${r.message}`;
  return `${actorName} approved ${r.requestedByName}'s request to ${r.summary}. ${tail}`;
}

export function decisionAuditDraft(actor: SessionUser, kind: 'approve' | 'decline' | 'withdraw', r: ChangeDecisionResult) {
  const people = { requestedBy: { id: r.requestedById, name: r.requestedByName }, decidedBy: { id: actor.id, name: actor.name } };
  return {
    action: kind === 'approve' ? 'budgets.change_approved' : kind === 'decline' ? 'budgets.change_declined' : 'budgets.change_withdrawn',
    summary: describeDecision(actor.name, kind, r),
    targetType: r.kind === 'POLICY' ? 'Setting' : r.cardholderId ? 'cardholder' : r.cardId ? 'card' : 'budget_change',
    targetId: r.kind === 'POLICY' ? 'budgets.policy' : (r.cardholderId ?? r.cardId ?? r.changeId),
    before: { changeId: r.changeId, kind: r.kind, status: 'AWAITING_APPROVAL', currency: r.currency, ...(r.before ?? {}), ...people },
    after: { changeId: r.changeId, kind: r.kind, currency: r.currency, ...(r.after ?? {}), outcome: r.outcome, message: r.message, reason: r.reason, ...people },
  };
}
