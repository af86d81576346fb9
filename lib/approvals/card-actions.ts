import 'server-only';
import { findAccount } from '@/lib/accounts/queries';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { cardLabelOf } from '@/lib/budgets/target';
import { findOperation } from '@/lib/operations/queries';
import { getSparadosClient, isSparadosError, toAppError } from '@/lib/sparados';
import { toEditApprovalInput } from './assign-input';
import type { CardActionInput, EditCard } from './card-action-schemas';
import { getMccCategories } from './mcc-settings';
import { runApprovalOperation, type ApprovalOperationKind } from './operations';
import { ACTION_LABELS, STATUS_LABELS, isActionAllowed, isApprovalStatus, isLocked, type ApprovalAction, type ApprovalStatus } from './state-machine';
import { saveApprovalFromSparados } from './store';

// The card page's actions on one approval (issue 5 item 5). Each is checked against the state
// machine on the server with the approval as Sparados has it now, then sent through the
// write-intent pattern. The page follows the Card id, so an edit that creates a new approval id
// shows the new one without a redirect.

export interface CardActionResult {
  cardId: string;
  /** The Sparados approval id the action produced (a new one after an edit of a DELIVERED approval). */
  approvalId: string;
  status: string;
  cardStatus: string | null;
  /** The budget after the action, in minor units of `currency`. */
  budgetMinor: string;
  /** True when the same key had already done this: nothing was sent again (no second audit entry). */
  replayed: boolean;
  /** What the approval was before, for the audit entry. */
  before: { approvalId: string; status: string; cardStatus: string | null; budgetMinor: string };
  currency: string | null;
  /** How people know the card ("card 'Travel – J. Smith'"), as it was named before the action. */
  label: string;
  /** Its name afterwards when the action renamed it (an edit of the description), else null. */
  renamedTo: string | null;
}

const KIND: Record<ApprovalAction, ApprovalOperationKind> = {
  accept: 'approval.accept',
  reject: 'approval.reject',
  edit: 'approval.edit',
  cancel: 'approval.cancel',
  lock: 'approval.lock',
  unlock: 'approval.unlock',
  unassign: 'approval.unassign',
  changeBudget: 'approval.budget',
};

interface Target {
  cardId: string;
  sparadosId: string;
  status: ApprovalStatus;
  cardStatus: string | null;
  budgetMinor: bigint;
  spentMinor: bigint;
  availableMinor: bigint;
  balanceAliasId: string;
}

/**
 * The approval the admin acted on, as Sparados has it now: it must belong to the card. A key seen
 * before skips the fresh read, so a double click replays the first outcome instead of being judged
 * against the state the first click produced.
 */
async function loadTarget(input: Pick<CardActionInput, 'cardId' | 'approvalId' | 'idempotencyKey'>): Promise<{ target: Target; repeat: boolean }> {
  const row = await db.approval.findUnique({ where: { sparadosId: input.approvalId } });
  if (!row || row.cardId !== input.cardId) throw new AppError('NOT_FOUND', 'This card or approval no longer exists. Reload the page.');
  const repeat = (await findOperation(input.idempotencyKey)) !== null;
  if (repeat) {
    return { target: { ...row, cardId: row.cardId, sparadosId: row.sparadosId, status: isApprovalStatus(row.status) ? row.status : 'UNKNOWN' }, repeat };
  }
  let fresh;
  try {
    fresh = await getSparadosClient().getApproval(input.approvalId);
  } catch (error) {
    // Nothing was sent yet: an unreachable Sparados is a plain "try again", not an internal error.
    throw isSparadosError(error) ? toAppError(error) : error;
  }
  await saveApprovalFromSparados(fresh, { cardId: row.cardId });
  const status = isApprovalStatus(fresh.status) ? fresh.status : 'UNKNOWN';
  const spent = BigInt(fresh.spentMinor ?? 0);
  return {
    target: {
      cardId: row.cardId,
      sparadosId: fresh.id,
      status,
      cardStatus: fresh.cardStatus,
      budgetMinor: BigInt(fresh.budgetMinor),
      spentMinor: spent,
      availableMinor: BigInt(fresh.availableBudgetMinor ?? fresh.budgetMinor - Number(spent)),
      balanceAliasId: fresh.cardAliasId ?? row.balanceAliasId,
    },
    repeat,
  };
}

function assertAllowed(action: ApprovalAction, target: Target): void {
  if (isActionAllowed(action, target.status, target.cardStatus)) return;
  const state = isLocked(target.status, target.cardStatus) ? 'the card is locked' : `the approval is ${STATUS_LABELS[target.status].toLowerCase()}`;
  throw new AppError('INVALID_STATE', `${ACTION_LABELS[action]} is not possible now: ${state}.`);
}

async function send(action: ApprovalAction, target: Target, idempotencyKey: string, actorId: string, request: unknown, currency: string | null): Promise<CardActionResult> {
  const label = await cardLabelOf(target.cardId);
  const outcome = await runApprovalOperation(KIND[action] as 'approval.lock', {
    idempotencyKey,
    actorId,
    cardId: target.cardId,
    approvalSparadosId: target.sparadosId,
    request: request as { approvalId: string },
  });
  return {
    cardId: outcome.cardId ?? target.cardId,
    approvalId: outcome.result.id,
    status: outcome.result.rawStatus,
    cardStatus: outcome.result.cardStatus,
    budgetMinor: String(outcome.result.budgetMinor),
    replayed: outcome.replayed,
    before: { approvalId: target.sparadosId, status: target.status, cardStatus: target.cardStatus, budgetMinor: target.budgetMinor.toString() },
    currency,
    label,
    renamedTo: null,
  };
}

async function currencyOf(target: Target): Promise<string | null> {
  return (await findAccount(target.balanceAliasId))?.currency ?? null;
}

/** lock, unlock, cancel, unassign, accept, reject: no input beyond the approval. */
export async function runSimpleCardAction(action: Exclude<ApprovalAction, 'edit' | 'changeBudget'>, input: CardActionInput, user: SessionUser): Promise<CardActionResult> {
  const { target, repeat } = await loadTarget(input);
  if (!repeat) assertAllowed(action, target);
  return send(action, target, input.idempotencyKey, user.id, { approvalId: target.sparadosId }, await currencyOf(target));
}

// Budget changes (issue 6) live in lib/budgets/change.ts: amounts, targets and the four-eyes rule.

export async function editCardRules(input: EditCard, user: SessionUser): Promise<CardActionResult> {
  const { target, repeat } = await loadTarget(input);
  const currency = await currencyOf(target);
  if (!repeat) {
    assertAllowed('edit', target);
    if (currency && currency !== input.currency) throw new AppError('CONFLICT', `The account is in ${currency}; reload the page.`);
  }
  const body = toEditApprovalInput(input, await getMccCategories());
  const result = await send('edit', target, input.idempotencyKey, user.id, { approvalId: target.sparadosId, body }, currency);
  const now = await cardLabelOf(result.cardId);
  return { ...result, renamedTo: now === result.label ? null : now };
}
