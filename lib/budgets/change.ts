import 'server-only';
import { reviveApproval, runApprovalOperation, type BudgetRequest } from '@/lib/approvals/operations';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { formatMoney } from '@/lib/money';
import { forgetOpenRequestCount } from '@/lib/requests/queries';
import { getSettings } from '@/lib/settings/queries';
import { figuresJson, planBudgetChange, type BudgetChangeMode, type BudgetFigures, type BudgetFiguresJson } from './math';
import { assertBudgetChangeAllowed, cardLabelOf, figuresOf, readBudgetTarget, type BudgetTarget } from './target';
import { needsSecondApprover, topUpLimitOf, topUpLimitsFrom } from './thresholds';

// One budget change on one card (issue 6 items 2–3), shared by the card page, the bulk page and the
// reclaim view. Exactly once per intent: the form's idempotency key finds an earlier attempt (sent:
// its operation; above the four-eyes limit: its waiting request) before anything is read or sent,
// and a sent change goes through the write-intent path (lib/operations/perform-write.ts), whose
// Sparados call reads before it retries. An outcome Sparados never confirmed comes back as
// "checking": the operation stays SENT until the reconciler settles it.

export interface BudgetChangeRequestInput {
  cardId: string;
  /** The approval the admin saw; it must still belong to the card. */
  approvalId: string;
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
  /** The waiting four-eyes request, when the change is above the requester's limit. */
  changeRequestId: string | null;
  /** The requester's own limit, when it is what sent the change to a second approver. */
  limitMinor: string | null;
  /** True when this key had already done its work: nothing new happened (and nothing is audited again). */
  replayed: boolean;
}

const KIND = 'approval.budget';

function withDelta(f: BudgetFigures, delta: bigint): BudgetFigures {
  return { budgetMinor: f.budgetMinor + delta, spentMinor: f.spentMinor, availableMinor: f.availableMinor + delta };
}

function assertSafe(delta: bigint): void {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (delta > max || -delta > max) throw new AppError('VALIDATION', 'The amount is too large.', { fieldErrors: { amount: ['The amount is too large'] } });
}

/** Sends one budget delta through the write-intent path; an unconfirmed outcome becomes "checking". */
export async function sendBudgetDelta(
  intent: { idempotencyKey: string; cardId: string; actorId: string; request: BudgetRequest },
): Promise<{ outcome: 'applied' | 'checking'; after: BudgetFigures | null; replayed: boolean; approvalId: string }> {
  try {
    const written = await runApprovalOperation(KIND, {
      idempotencyKey: intent.idempotencyKey,
      actorId: intent.actorId,
      cardId: intent.cardId,
      approvalSparadosId: intent.request.approvalId,
      request: intent.request,
    });
    return { outcome: 'applied', after: figuresOf(written.result), replayed: written.replayed, approvalId: written.result.id };
  } catch (error) {
    const row = await db.pendingOperation.findUnique({ where: { idempotencyKey: intent.idempotencyKey }, select: { status: true } });
    // SENT (or still PENDING behind a concurrent first attempt): Sparados may have applied it.
    if (row && (row.status === 'SENT' || row.status === 'PENDING')) return { outcome: 'checking', after: null, replayed: false, approvalId: intent.request.approvalId };
    throw error;
  }
}

async function waitingResult(changeId: string, replayed: boolean): Promise<BudgetChangeResult> {
  const change = await db.budgetChangeRequest.findUniqueOrThrow({ where: { id: changeId } });
  const before = { budgetMinor: change.budgetBeforeMinor, spentMinor: change.spentBeforeMinor, availableMinor: change.availableBeforeMinor };
  const settings = await getSettings();
  const requester = await db.adminUser.findUnique({ where: { id: change.requestedById }, select: { role: true } });
  const limit = requester ? topUpLimitOf(requester.role, topUpLimitsFrom(settings)) : null;
  return {
    outcome: 'awaiting_approval',
    cardId: change.cardId,
    approvalId: change.approvalSparadosId,
    label: await cardLabelOf(change.cardId),
    currency: change.currency,
    deltaMinor: change.deltaMinor.toString(),
    before: figuresJson(before),
    after: figuresJson(withDelta(before, change.deltaMinor)),
    changeRequestId: change.id,
    limitMinor: limit?.toString() ?? null,
    replayed,
  };
}

/** A repeat of a key that was already sent: the stored request is sent again (Sparados replays it), never a new one. */
async function replaySent(input: BudgetChangeRequestInput, user: SessionUser, stored: { kind: string; request: unknown; cardId: string | null }): Promise<BudgetChangeResult> {
  if (stored.kind !== KIND || stored.cardId !== input.cardId) {
    throw new AppError('CONFLICT', 'This request key was already used for a different change. Reload and try again.');
  }
  const request = stored.request as BudgetRequest;
  const delta = BigInt(request.additionalBudgetMinor);
  const sent = await sendBudgetDelta({ idempotencyKey: input.idempotencyKey, cardId: input.cardId, actorId: user.id, request });
  const row = await db.approval.findUnique({ where: { sparadosId: sent.approvalId } });
  const after = sent.after ?? (row ? { budgetMinor: row.budgetMinor, spentMinor: row.spentMinor, availableMinor: row.availableMinor } : { budgetMinor: 0n, spentMinor: 0n, availableMinor: 0n });
  return {
    outcome: sent.outcome,
    cardId: input.cardId,
    approvalId: sent.approvalId,
    label: await cardLabelOf(input.cardId),
    currency: input.currency,
    deltaMinor: delta.toString(),
    before: figuresJson(withDelta(after, -delta)),
    after: figuresJson(after),
    changeRequestId: null,
    limitMinor: null,
    replayed: true,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

async function createWaitingChange(input: BudgetChangeRequestInput, user: SessionUser, target: BudgetTarget, delta: bigint, limit: bigint | null): Promise<BudgetChangeResult> {
  try {
    const change = await db.budgetChangeRequest.create({
      data: {
        cardId: input.cardId,
        approvalSparadosId: target.sparadosId,
        mode: input.mode === 'target' ? 'TARGET' : 'BY',
        amountMinor: input.mode === 'target' ? input.amountMinor : delta,
        deltaMinor: delta,
        budgetBeforeMinor: target.budgetMinor,
        spentBeforeMinor: target.spentMinor,
        availableBeforeMinor: target.availableMinor,
        currency: input.currency,
        requestKey: input.idempotencyKey,
        requestedById: user.id,
        requestedByName: user.name,
      },
      select: { id: true },
    });
    forgetOpenRequestCount();
    const result = await waitingResult(change.id, false);
    return { ...result, limitMinor: limit?.toString() ?? null };
  } catch (error) {
    // A double click raced this one to the insert: the first one's request stands.
    if (!isUniqueViolation(error)) throw error;
    const first = await db.budgetChangeRequest.findUniqueOrThrow({ where: { requestKey: input.idempotencyKey }, select: { id: true } });
    return waitingResult(first.id, true);
  }
}

export async function requestBudgetChange(input: BudgetChangeRequestInput, user: SessionUser): Promise<BudgetChangeResult> {
  const waiting = await db.budgetChangeRequest.findUnique({ where: { requestKey: input.idempotencyKey }, select: { id: true, cardId: true } });
  if (waiting) {
    if (waiting.cardId !== input.cardId) throw new AppError('CONFLICT', 'This request key was already used for a different change. Reload and try again.');
    return waitingResult(waiting.id, true);
  }
  const sentBefore = await db.pendingOperation.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { kind: true, request: true, cardId: true } });
  if (sentBefore) return replaySent(input, user, sentBefore);

  const target = await readBudgetTarget(input.cardId, input.approvalId);
  assertBudgetChangeAllowed(target);
  if (target.currency && target.currency !== input.currency) throw new AppError('CONFLICT', `The account is in ${target.currency}; reload the page.`);
  const plan = planBudgetChange(target, input.mode, input.amountMinor, input.currency);
  if (!plan.ok) throw new AppError(plan.reason === 'BELOW_SPENT' ? 'BUDGET_RULE' : 'VALIDATION', plan.message, { fieldErrors: { amount: [plan.message] } });
  assertSafe(plan.deltaMinor);

  const limits = topUpLimitsFrom(await getSettings());
  if (needsSecondApprover(user.role, plan.deltaMinor, limits)) {
    return createWaitingChange(input, user, target, plan.deltaMinor, topUpLimitOf(user.role, limits));
  }

  const sent = await sendBudgetDelta({
    idempotencyKey: input.idempotencyKey,
    cardId: input.cardId,
    actorId: user.id,
    request: { approvalId: target.sparadosId, additionalBudgetMinor: Number(plan.deltaMinor) },
  });
  return {
    outcome: sent.outcome,
    cardId: input.cardId,
    approvalId: sent.approvalId,
    label: target.label,
    currency: input.currency,
    deltaMinor: plan.deltaMinor.toString(),
    before: figuresJson(target),
    after: figuresJson(sent.after ?? plan.after),
    changeRequestId: null,
    limitMinor: null,
    replayed: sent.replayed,
  };
}

// ---- audit sentences ----

export function describeBudgetChange(actorName: string, r: Pick<BudgetChangeResult, 'outcome' | 'label' | 'currency' | 'deltaMinor' | 'before' | 'after' | 'limitMinor'>): string {
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
      return `${actorName} asked to ${verb} the budget of ${r.label} from ${from} to ${to}; ${r.limitMinor ? `above their limit of ${formatMoney(BigInt(r.limitMinor), r.currency)}, it` : 'it'} waits for a second approver.`;
  }
}

export function budgetAuditDraft(actorName: string, r: BudgetChangeResult) {
  return {
    action: r.outcome === 'awaiting_approval' ? 'budgets.change_requested' : 'cards.topup',
    summary: describeBudgetChange(actorName, r),
    targetType: 'card',
    targetId: r.cardId,
    before: { approvalId: r.approvalId, currency: r.currency, ...r.before },
    after: { approvalId: r.approvalId, currency: r.currency, ...r.after, outcome: r.outcome, changeRequestId: r.changeRequestId },
  };
}

export function isRefusal(error: unknown): error is AppError {
  return isAppError(error) && ['VALIDATION', 'BUDGET_RULE', 'INVALID_STATE', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'].includes(error.code);
}
