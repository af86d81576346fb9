import 'server-only';
import { findAccount } from '@/lib/accounts/queries';
import { toEditApprovalInput } from '@/lib/approvals/assign-input';
import { rulesFormSchema } from '@/lib/approvals/assign-schema';
import { runSimpleCardAction } from '@/lib/approvals/card-actions';
import { rulesValuesFromApproval } from '@/lib/approvals/edit-values';
import { deriveKey } from '@/lib/approvals/idempotency-keys';
import { getMccCategories } from '@/lib/approvals/mcc-settings';
import { runApprovalOperation, type EditApprovalRequest } from '@/lib/approvals/operations';
import { saveApprovalFromSparados } from '@/lib/approvals/store';
import { localDate } from '@/lib/approvals/validity';
import type { SessionUser } from '@/lib/auth/session-user';
import { cardLabelOf } from '@/lib/budgets/target';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { admitBudgetChange, findHeld, heldAuditDraft, type ApprovedChange, type HeldChange } from '@/lib/budgets/gate';
import { toPayload } from '@/lib/budgets/payload';
import { cardLane, withLane } from '@/lib/operations/lanes';
import { findOperation } from '@/lib/operations/queries';
import { getSettings } from '@/lib/settings/queries';
import { getSparadosClient, isSparadosError, toAppError } from '@/lib/sparados';
import { forgetOpenRequestCount } from './queries';
import type { EditAndAcceptInput } from './schemas';

// Answers to cardholders' change requests (issue 6 item 1). Accept and reject go through the card
// actions (state machine, fresh read, write-intent); this module adds what the audit sentence needs
// (which card, what was asked) and the combined "edit then accept". An accepted request takes over the
// card: lib/approvals/operations.ts records it as the card's current approval and its parent as
// REAPPROVED, so every screen follows the new id.

export type RequestDecision = 'accept' | 'reject' | 'edit_accept';

interface Terms {
  approvalId: string;
  budgetMinor: string;
  endDate: string;
  timezone: string;
}

export interface RequestDecisionResult {
  decision: RequestDecision;
  cardId: string;
  /** The change request's Sparados id. */
  requestId: string;
  /** The approval the card follows after the decision (the request's id after an accept). */
  currentApprovalId: string | null;
  status: string;
  label: string;
  currency: string | null;
  /** The card's approval before the decision. */
  before: Terms | null;
  /** What was asked (or, after edit then accept, what was granted). */
  requested: Terms;
  reason: string | null;
  replayed: boolean;
  /** Held by the budget policy for a second person: nothing was sent. */
  held: HeldChange | null;
}

function terms(a: { sparadosId: string; budgetMinor: bigint; endDate: Date; timezone: string }): Terms {
  return { approvalId: a.sparadosId, budgetMinor: a.budgetMinor.toString(), endDate: a.endDate.toISOString(), timezone: a.timezone };
}

async function describe(decision: RequestDecision, cardId: string, requestId: string, status: string, replayed: boolean, reason: string | null, before?: Terms | null, held: HeldChange | null = null): Promise<RequestDecisionResult> {
  const request = await db.approval.findUnique({ where: { sparadosId: requestId } });
  if (!request) throw new AppError('NOT_FOUND', 'This change request no longer exists. Reload the page.');
  const parent = before === undefined && request.parentSparadosId ? await db.approval.findUnique({ where: { sparadosId: request.parentSparadosId } }) : null;
  const card = await db.card.findUnique({ where: { id: cardId }, select: { currentApproval: { select: { sparadosId: true } } } });
  return {
    decision,
    cardId,
    requestId,
    currentApprovalId: card?.currentApproval?.sparadosId ?? null,
    status,
    label: await cardLabelOf(cardId),
    currency: (await findAccount(request.balanceAliasId))?.currency ?? null,
    before: before === undefined ? (parent ? terms(parent) : null) : before,
    requested: terms(request),
    reason,
    replayed,
    held,
  };
}

/** Accept or reject one change request. Accepting raises the budget: the budget gate may hold it (lib/budgets/gate.ts). */
export async function decideChangeRequest(
  decision: 'accept' | 'reject',
  input: { cardId: string; approvalId: string; idempotencyKey: string; reason?: string },
  user: SessionUser,
  approved: ApprovedChange | null = null,
): Promise<RequestDecisionResult> {
  const result = await runSimpleCardAction(decision, { cardId: input.cardId, approvalId: input.approvalId, idempotencyKey: input.idempotencyKey }, user, approved);
  forgetOpenRequestCount();
  return describe(decision, input.cardId, input.approvalId, result.status, result.replayed, decision === 'reject' ? (input.reason ?? null) : null, undefined, result.held);
}

const EDITABLE_FIELDS = new Set(['budget', 'endDate']);

/** The edit a "edit then accept" sends: the stored one on a repeat, else the request as Sparados has it now with the new budget and end date. */
async function editRequestFor(input: EditAndAcceptInput, editKey: string): Promise<EditApprovalRequest> {
  const editedBefore = await findOperation(editKey);
  if (editedBefore) return editedBefore.request as EditApprovalRequest;
  let fresh;
  try {
    fresh = await getSparadosClient().getApproval(input.approvalId);
  } catch (error) {
    throw isSparadosError(error) ? toAppError(error) : error;
  }
  await saveApprovalFromSparados(fresh, { cardId: input.cardId });
  if (fresh.status !== 'CREATED') throw new AppError('INVALID_STATE', `This change request was already answered (it is ${fresh.rawStatus.toLowerCase()}). Reload the page.`);
  const currency = fresh.cardAliasId ? (await findAccount(fresh.cardAliasId))?.currency : null;
  if (currency && currency !== input.currency) throw new AppError('CONFLICT', `The account is in ${currency}; reload the page.`);
  const values = rulesValuesFromApproval(fresh, input.currency, (await getSettings())['display.timezone']);
  const parsed = rulesFormSchema.safeParse({ ...values, budget: input.budget, endDate: input.endDate });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    const other: string[] = [];
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (EDITABLE_FIELDS.has(field)) (fieldErrors[field] ??= []).push(issue.message);
      else other.push(issue.message);
    }
    throw new AppError('VALIDATION', other.length ? `The request's other rules cannot be sent back as they are: ${other.join('; ')}` : undefined, { fieldErrors });
  }
  return { approvalId: fresh.id, body: toEditApprovalInput(parsed.data, await getMccCategories()), statusBefore: 'CREATED' };
}

async function budgetOf(approvalId: string | null): Promise<bigint> {
  if (!approvalId) return 0n;
  try {
    return BigInt((await getSparadosClient().getApproval(approvalId)).budgetMinor);
  } catch (error) {
    throw isSparadosError(error) ? toAppError(error) : error;
  }
}

/**
 * Edit then accept: the request's budget and end date are changed in place (Sparados keeps the id and
 * the CREATED status), then it is accepted. One intent, two writes, each with a key derived from the
 * form's: a retry finishes whichever step is missing and repeats neither. The raise (the edited budget
 * against the card's current one) passes the budget gate before either write is sent; both are sent
 * holding the card's lane.
 */
export async function editAndAcceptRequest(input: EditAndAcceptInput & { idempotencyKey: string }, user: SessionUser, approved: ApprovedChange | null = null): Promise<RequestDecisionResult> {
  const editKey = deriveKey(input.idempotencyKey, 'edit');
  const acceptKey = deriveKey(input.idempotencyKey, 'accept');
  const row = await db.approval.findUnique({ where: { sparadosId: input.approvalId }, select: { cardId: true, parentSparadosId: true } });
  if (!row || row.cardId !== input.cardId) throw new AppError('NOT_FOUND', 'This change request no longer exists. Reload the page.');
  const parent = row.parentSparadosId ? await db.approval.findUnique({ where: { sparadosId: row.parentSparadosId } }) : null;
  const before = parent ? terms(parent) : null;
  const currency = (await findAccount(parent?.balanceAliasId ?? ''))?.currency ?? input.currency;

  const earlier = async (): Promise<RequestDecisionResult | null> => {
    const held = await findHeld(acceptKey, user);
    if (held) return describe('edit_accept', input.cardId, input.approvalId, 'CREATED', held.replayed, null, before, held);
    const accepted = await findOperation(acceptKey);
    if (!accepted) return null;
    const outcome = await runApprovalOperation('approval.accept', { idempotencyKey: acceptKey, actorId: user.id, cardId: input.cardId, request: accepted.request as { approvalId: string }, existingOnly: true });
    forgetOpenRequestCount();
    return describe('edit_accept', input.cardId, input.approvalId, outcome.result.rawStatus, outcome.replayed, null, before);
  };
  const first = await earlier();
  if (first) return first;

  return withLane(
    cardLane(input.cardId),
    acceptKey,
    async (lease) => {
      const again = await earlier();
      if (again) return again;
      const request = await editRequestFor(input, editKey);
      const from = await budgetOf(row.parentSparadosId);
      const to = BigInt(request.body.rules.budgetMinor);
      const label = await cardLabelOf(input.cardId);
      const gate = await admitBudgetChange({
        actor: user,
        kind: 'ACCEPT_REQUEST',
        cardId: input.cardId,
        increaseMinor: to - from,
        currency,
        operationKey: acceptKey,
        lease,
        approved,
        hold: () => ({
          summary: `edit and accept the change request for ${label} (budget ${formatMoney(from, currency)} → ${formatMoney(to, currency)}, ends ${input.endDate})`,
          approvalSparadosId: input.approvalId,
          payload: toPayload({ cardId: input.cardId, approvalId: input.approvalId, edit: { currency: input.currency, budget: input.budget, endDate: input.endDate } }),
        }),
      });
      if (gate.decision === 'wait') return describe('edit_accept', input.cardId, input.approvalId, 'CREATED', gate.held.replayed, null, before, gate.held);
      // The in-place edit raises nothing by itself (the request is not in force until accepted).
      const edit = await admitBudgetChange({ actor: user, kind: 'EDIT', cardId: input.cardId, increaseMinor: 0n, currency, operationKey: editKey, lease, hold: () => ({ summary: '' }) });
      if (edit.decision !== 'apply') throw new Error('an edit that raises nothing was held');
      await runApprovalOperation('approval.edit', { idempotencyKey: editKey, actorId: user.id, cardId: input.cardId, approvalSparadosId: input.approvalId, request, admission: edit.admission });
      const accepted = await runApprovalOperation('approval.accept', {
        idempotencyKey: acceptKey,
        actorId: user.id,
        cardId: input.cardId,
        approvalSparadosId: input.approvalId,
        request: { approvalId: input.approvalId },
        admission: gate.admission,
      });
      forgetOpenRequestCount();
      return describe('edit_accept', input.cardId, input.approvalId, accepted.result.rawStatus, accepted.replayed, null, before);
    },
    { ownKeys: [editKey, acceptKey] },
  );
}

export interface BulkDecisionRow {
  cardId: string;
  approvalId: string;
  ok: boolean;
  /** What happened, or why not. */
  message: string;
  result: RequestDecisionResult | null;
}

/** The same answer to many requests, one at a time; one failing does not stop the others. */
export async function decideManyRequests(
  input: { decision: 'accept' | 'reject'; idempotencyKey: string; reason: string; items: Array<{ cardId: string; approvalId: string }> },
  user: SessionUser,
): Promise<BulkDecisionRow[]> {
  const rows: BulkDecisionRow[] = [];
  for (const item of input.items) {
    try {
      const result = await decideChangeRequest(input.decision, { ...item, idempotencyKey: deriveKey(input.idempotencyKey, item.approvalId), reason: input.reason }, user);
      const message = result.held
        ? `Waits for a second approver: ${result.held.reason}.`
        : input.decision === 'accept'
          ? `Accepted: the card now follows ${result.currentApprovalId ?? item.approvalId}.`
          : 'Rejected.';
      rows.push({ ...item, ok: true, message, result });
    } catch (error) {
      if (!isAppError(error)) console.error(JSON.stringify({ level: 'error', message: 'bulk request decision failed', approvalId: item.approvalId, detail: error instanceof Error ? error.message : String(error) }));
      rows.push({ ...item, ok: false, message: isAppError(error) ? error.message : 'Something went wrong on our side. It has been logged.', result: null });
    }
  }
  return rows;
}

// ---- audit sentences ----

function termsWords(before: Terms | null, after: Terms, currency: string | null): string {
  const money = (minor: string) => (currency ? formatMoney(BigInt(minor), currency) : minor);
  const day = (t: Terms) => localDate(new Date(t.endDate), t.timezone);
  const parts: string[] = [];
  if (!before || before.budgetMinor !== after.budgetMinor) parts.push(before ? `budget ${money(before.budgetMinor)} → ${money(after.budgetMinor)}` : `budget ${money(after.budgetMinor)}`);
  if (!before || before.endDate !== after.endDate) parts.push(before ? `end date ${day(before)} → ${day(after)}` : `end date ${day(after)}`);
  return parts.length ? parts.join(', ') : 'other rules';
}

export function describeRequestDecision(actorName: string, r: RequestDecisionResult): string {
  const what = termsWords(r.before, r.requested, r.currency);
  switch (r.decision) {
    case 'accept':
      return `${actorName} accepted the change request for ${r.label} (${what}); the card now follows approval ${r.currentApprovalId ?? r.requestId}.`;
    case 'edit_accept':
      return `${actorName} edited and accepted the change request for ${r.label} (${what}); the card now follows approval ${r.currentApprovalId ?? r.requestId}.`;
    case 'reject':
      return `${actorName} rejected the change request for ${r.label} (${what}): “${r.reason ?? ''}”.`;
  }
}

export function requestAuditDraft(actorName: string, r: RequestDecisionResult) {
  if (r.held) return { ...heldAuditDraft(actorName, r.held), before: { currency: r.currency, currentApproval: r.before, request: { ...r.requested, status: 'CREATED' } } };
  return {
    action: r.decision === 'reject' ? 'requests.reject' : r.decision === 'accept' ? 'requests.accept' : 'requests.edit_accept',
    summary: describeRequestDecision(actorName, r),
    targetType: 'card',
    targetId: r.cardId,
    before: { currency: r.currency, currentApproval: r.before, request: { ...r.requested, status: 'CREATED' } },
    after: { currency: r.currency, currentApprovalId: r.currentApprovalId, request: { ...r.requested, status: r.status }, reason: r.reason },
  };
}
