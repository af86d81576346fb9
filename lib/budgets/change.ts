import 'server-only';
import { runApprovalOperation, type BudgetRequest } from '@/lib/approvals/operations';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { cardLane, withLane } from '@/lib/operations/lanes';
import { findOperation, isUnfinished, type OperationRecord } from '@/lib/operations/queries';
import { admitBudgetChange, findHeld, type Admission, type ApprovedChange, type HeldChange } from './gate';
import { figuresJson, planBudgetChange, shiftFigures, type BudgetChangeMode, type BudgetFigures, type BudgetFiguresJson } from './math';
import { assertBudgetChangeAllowed, cardLabelOf, figuresOf, readBudgetTarget } from './target';

// One budget change on one card (top up, reduce, set the available amount), shared by the card page,
// the bulk page, the reclaim view and an approved four-eyes change. Exactly once per intent:
// - a repeat of the form's key finds its held change or its write before anything is read;
// - the card's lane is held from the fresh read to the recorded write, so changes of one card never
//   overlap (two "set available to 500" end at 500, not 900; docs/decisions/106);
// - the budget gate (gate.ts) admits the raise or holds it for a second person (docs/decisions/105);
// - the write records the absolute budget it was planned from and aims at, so a replay reads first
//   and never applies it twice (docs/decisions/102). An unconfirmed outcome comes back as "checking".

export interface BudgetChangeRequestInput {
  cardId: string;
  /** The approval the admin saw (it must still belong to the card); null: the card's current one. */
  approvalId: string | null;
  idempotencyKey: string;
  currency: string;
  mode: BudgetChangeMode;
  amountMinor: bigint;
}

export type BudgetChangeOutcome = 'applied' | 'awaiting_approval' | 'checking';

export interface BudgetChangeResult {
  outcome: BudgetChangeOutcome;
  cardId: string;
  /** The approval the change went to. */
  approvalId: string;
  label: string;
  currency: string;
  deltaMinor: string;
  before: BudgetFiguresJson;
  /** As Sparados answered (applied), or as planned (waiting, checking). */
  after: BudgetFiguresJson;
  /** The held change, when the budget policy sent it to a second person. */
  changeRequestId: string | null;
  held: HeldChange | null;
  /** True when this key had already done its work: nothing new happened (and nothing is audited again). */
  replayed: boolean;
}

function assertSafe(delta: bigint): void {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (delta > max || -delta > max) throw new AppError('VALIDATION', 'The amount is too large.', { fieldErrors: { amount: ['The amount is too large'] } });
}

/** "raise the budget of card 'X' from PLN 500.00 to PLN 1,500.00": what a held change asks, in words. */
export function budgetChangeWords(label: string, before: BudgetFigures, delta: bigint, currency: string): string {
  return `${delta > 0n ? 'raise' : 'lower'} the budget of ${label} from ${formatMoney(before.budgetMinor, currency)} to ${formatMoney(before.budgetMinor + delta, currency)}`;
}

/** Sends one planned budget change through the write-intent path; an unconfirmed outcome becomes "checking". */
export async function sendBudgetDelta(intent: {
  idempotencyKey: string;
  cardId: string;
  actorId: string;
  request: BudgetRequest;
  admission?: Admission;
  existingOnly?: boolean;
}): Promise<{ outcome: 'applied' | 'checking'; after: BudgetFigures | null; replayed: boolean; approvalId: string }> {
  try {
    const written = await runApprovalOperation('approval.budget', {
      idempotencyKey: intent.idempotencyKey,
      actorId: intent.actorId,
      cardId: intent.cardId,
      approvalSparadosId: intent.request.approvalId,
      request: intent.request,
      admission: intent.admission,
      existingOnly: intent.existingOnly,
    });
    return { outcome: 'applied', after: figuresOf(written.result), replayed: written.replayed, approvalId: written.result.id };
  } catch (error) {
    const row = await findOperation(intent.idempotencyKey);
    // SENT (or still PENDING behind a concurrent first attempt): Sparados may have applied it.
    if (row && isUnfinished(row.status)) return { outcome: 'checking', after: null, replayed: false, approvalId: intent.request.approvalId };
    throw error;
  }
}

async function heldResult(input: Pick<BudgetChangeRequestInput, 'cardId' | 'currency'>, held: HeldChange, figures: { before: BudgetFigures; delta: bigint; approvalId: string }): Promise<BudgetChangeResult> {
  return {
    outcome: 'awaiting_approval',
    cardId: input.cardId,
    approvalId: figures.approvalId,
    label: await cardLabelOf(input.cardId),
    currency: held.currency,
    deltaMinor: figures.delta.toString(),
    before: figuresJson(figures.before),
    after: figuresJson(shiftFigures(figures.before, figures.delta)),
    changeRequestId: held.changeId,
    held,
    replayed: held.replayed,
  };
}

/** A repeat of a key that was already sent: the stored request is finished (or replayed), never a new one. */
async function replaySent(input: BudgetChangeRequestInput, user: SessionUser, stored: OperationRecord): Promise<BudgetChangeResult> {
  if (stored.kind !== 'approval.budget' || stored.cardId !== input.cardId) {
    throw new AppError('CONFLICT', 'This request key was already used for a different change. Reload and try again.');
  }
  const request = stored.request as BudgetRequest;
  const delta = BigInt(request.additionalBudgetMinor);
  const sent = await sendBudgetDelta({ idempotencyKey: input.idempotencyKey, cardId: input.cardId, actorId: user.id, request, existingOnly: true });
  const after = sent.after ?? (request.targetBudgetMinor === undefined ? null : { budgetMinor: BigInt(request.targetBudgetMinor), spentMinor: 0n, availableMinor: 0n });
  const shown = after ?? { budgetMinor: 0n, spentMinor: 0n, availableMinor: 0n };
  return {
    outcome: sent.outcome,
    cardId: input.cardId,
    approvalId: sent.approvalId,
    label: await cardLabelOf(input.cardId),
    currency: input.currency,
    deltaMinor: delta.toString(),
    before: figuresJson(shiftFigures(shown, -delta)),
    after: figuresJson(shown),
    changeRequestId: null,
    held: null,
    replayed: true,
  };
}

/** What this intent already did: its held change, or its write. */
async function earlierOutcome(input: BudgetChangeRequestInput, user: SessionUser): Promise<BudgetChangeResult | null> {
  const held = await findHeld(input.idempotencyKey, user);
  if (held) {
    const row = await import('./held-changes').then((m) => m.heldFigures(held.changeId));
    if (row.cardId !== input.cardId) throw new AppError('CONFLICT', 'This request key was already used for a different change. Reload and try again.');
    return heldResult(input, held, row);
  }
  const sent = await findOperation(input.idempotencyKey);
  return sent ? replaySent(input, user, sent) : null;
}

/**
 * Plans the change from Sparados' figures of this moment, lets the budget gate judge it, and sends it or
 * holds it. `approved`: a second person approved this change; it is carried out under its own key.
 */
export async function requestBudgetChange(input: BudgetChangeRequestInput, user: SessionUser, approved: ApprovedChange | null = null): Promise<BudgetChangeResult> {
  const earlier = await earlierOutcome(input, user);
  if (earlier) return earlier;
  return withLane(cardLane(input.cardId), input.idempotencyKey, async (lease) => {
    // A double click waited for the first click's lane: it finds what the first one did.
    const again = await earlierOutcome(input, user);
    if (again) return again;

    const target = await readBudgetTarget(input.cardId, input.approvalId);
    assertBudgetChangeAllowed(target);
    if (target.currency && target.currency !== input.currency) throw new AppError('CONFLICT', `The account is in ${target.currency}; reload the page.`);
    const plan = planBudgetChange(target, input.mode, input.amountMinor, input.currency);
    if (!plan.ok) throw new AppError(plan.reason === 'BELOW_SPENT' ? 'BUDGET_RULE' : 'VALIDATION', plan.message, { fieldErrors: { amount: [plan.message] } });
    assertSafe(plan.deltaMinor);
    const delta = plan.deltaMinor;

    const gate = await admitBudgetChange({
      actor: user,
      kind: 'TOP_UP',
      cardId: input.cardId,
      increaseMinor: delta,
      currency: input.currency,
      operationKey: input.idempotencyKey,
      lease,
      approved,
      hold: () => ({
        summary: budgetChangeWords(target.label, target, delta, input.currency) + (input.mode === 'target' ? ` (available set to ${formatMoney(input.amountMinor, input.currency)})` : ''),
        approvalSparadosId: target.sparadosId,
        mode: input.mode === 'target' ? 'TARGET' : 'BY',
        amountMinor: input.mode === 'target' ? input.amountMinor : delta,
        deltaMinor: delta,
        before: target,
      }),
    });
    if (gate.decision === 'wait') return heldResult(input, gate.held, { before: target, delta, approvalId: target.sparadosId });

    const sent = await sendBudgetDelta({
      idempotencyKey: input.idempotencyKey,
      cardId: input.cardId,
      actorId: user.id,
      admission: gate.admission,
      request: {
        approvalId: target.sparadosId,
        additionalBudgetMinor: Number(delta),
        budgetBeforeMinor: Number(target.budgetMinor),
        targetBudgetMinor: Number(target.budgetMinor + delta),
      },
    });
    return {
      outcome: sent.outcome,
      cardId: input.cardId,
      approvalId: sent.approvalId,
      label: target.label,
      currency: input.currency,
      deltaMinor: delta.toString(),
      before: figuresJson(target),
      after: figuresJson(sent.after ?? plan.after),
      changeRequestId: null,
      held: null,
      replayed: sent.replayed,
    };
  });
}

// ---- audit sentences ----

export function describeBudgetChange(actorName: string, r: Pick<BudgetChangeResult, 'outcome' | 'label' | 'currency' | 'deltaMinor' | 'before' | 'after' | 'held'>): string {
  const delta = BigInt(r.deltaMinor);
  const verb = delta > 0n ? 'raise' : 'lower';
  const did = delta > 0n ? 'raised' : 'lowered';
  const from = formatMoney(BigInt(r.before.budgetMinor), r.currency);
  const to = formatMoney(BigInt(r.after.budgetMinor), r.currency);
  switch (r.outcome) {
    case 'applied':
      return `${actorName} ${did} the budget of ${r.label} from ${from} to ${to}.`;
    case 'checking':
      return `${actorName} asked Sparados to ${verb} the budget of ${r.label} from ${from} to ${to}; Sparados has not confirmed it yet, so the panel keeps checking.`;
    case 'awaiting_approval':
      return `${actorName} asked to ${verb} the budget of ${r.label} from ${from} to ${to}; ${r.held ? `${r.held.reason}, it` : 'it'} waits for a second approver.`;
  }
}

export function budgetAuditDraft(actorName: string, r: BudgetChangeResult) {
  return {
    action: r.outcome === 'awaiting_approval' ? 'budgets.change_requested' : 'cards.topup',
    summary: describeBudgetChange(actorName, r),
    targetType: 'card',
    targetId: r.cardId,
    before: { approvalId: r.approvalId, currency: r.currency, ...r.before },
    after: { approvalId: r.approvalId, currency: r.currency, ...r.after, outcome: r.outcome, changeRequestId: r.changeRequestId, heldBy: r.held?.limit ?? null },
  };
}
