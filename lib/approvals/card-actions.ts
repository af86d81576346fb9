import 'server-only';
import { findAccount } from '@/lib/accounts/queries';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { cardLabelOf } from '@/lib/budgets/target';
import { admitBudgetChange, findHeld, type Admission, type ApprovedChange, type HeldChange } from '@/lib/budgets/gate';
import { toPayload } from '@/lib/budgets/payload';
import { formatMoney } from '@/lib/money';
import { cardLane, withLane, type LaneLease } from '@/lib/operations/lanes';
import { findOperation, type OperationRecord } from '@/lib/operations/queries';
import { getSparadosClient, isSparadosError, toAppError } from '@/lib/sparados';
import { toEditApprovalInput } from './assign-input';
import type { CardActionInput, EditCard } from './card-action-schemas';
import { getMccCategories } from './mcc-settings';
import { runApprovalOperation, type ApprovalOperationKind } from './operations';
import { ACTION_LABELS, STATUS_LABELS, isActionAllowed, isApprovalStatus, isLocked, type ApprovalAction, type ApprovalStatus } from './state-machine';
import { approvalFigures } from '@/lib/sparados/domain/approval';
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
  /** Edit and accept: held by the budget policy for a second person (nothing was sent). */
  held: HeldChange | null;
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
  spentMinor: bigint | null;
  availableMinor: bigint | null;
  balanceAliasId: string;
  /** The approval a reapproval replaces (accepting it raises the budget from that one's). */
  parentId: string | null;
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
    return { target: { ...row, cardId: row.cardId, sparadosId: row.sparadosId, status: isApprovalStatus(row.status) ? row.status : 'UNKNOWN', parentId: row.parentSparadosId }, repeat };
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
  return {
    target: {
      cardId: row.cardId,
      sparadosId: fresh.id,
      status,
      cardStatus: fresh.cardStatus,
      ...approvalFigures(fresh),
      balanceAliasId: fresh.cardAliasId ?? row.balanceAliasId,
      parentId: fresh.parentId,
    },
    repeat,
  };
}

function assertAllowed(action: ApprovalAction, target: Target): void {
  if (isActionAllowed(action, target.status, target.cardStatus)) return;
  const state = isLocked(target.status, target.cardStatus) ? 'the card is locked' : `the approval is ${STATUS_LABELS[target.status].toLowerCase()}`;
  throw new AppError('INVALID_STATE', `${ACTION_LABELS[action]} is not possible now: ${state}.`);
}

async function send(action: ApprovalAction, target: Target, idempotencyKey: string, actorId: string, request: unknown, currency: string | null, write: { admission?: Admission; existingOnly?: boolean } = {}): Promise<CardActionResult> {
  const label = await cardLabelOf(target.cardId);
  const outcome = await runApprovalOperation(KIND[action] as 'approval.lock', {
    idempotencyKey,
    actorId,
    cardId: target.cardId,
    approvalSparadosId: target.sparadosId,
    request: request as { approvalId: string },
    ...write,
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
    held: null,
  };
}

/** What a held edit or accept answers: nothing changed yet, the change waits for a second person. */
async function heldResult(target: Target, held: HeldChange, currency: string | null): Promise<CardActionResult> {
  return {
    cardId: target.cardId,
    approvalId: target.sparadosId,
    status: target.status,
    cardStatus: target.cardStatus,
    budgetMinor: target.budgetMinor.toString(),
    replayed: held.replayed,
    before: { approvalId: target.sparadosId, status: target.status, cardStatus: target.cardStatus, budgetMinor: target.budgetMinor.toString() },
    currency,
    label: await cardLabelOf(target.cardId),
    renamedTo: null,
    held,
  };
}

/** The approval's row as the panel has it, for answering a repeat that was held. */
async function storedTarget(input: Pick<CardActionInput, 'cardId' | 'approvalId'>): Promise<Target> {
  const row = await db.approval.findUnique({ where: { sparadosId: input.approvalId } });
  if (!row || row.cardId !== input.cardId) throw new AppError('NOT_FOUND', 'This card or approval no longer exists. Reload the page.');
  return { ...row, status: isApprovalStatus(row.status) ? row.status : 'UNKNOWN', parentId: row.parentSparadosId };
}

/**
 * An edit or accept raises what the card may spend: it holds the card's lane from the fresh read to
 * the recorded write (docs/decisions/106) and passes the budget gate (docs/decisions/105). A repeat of
 * the same key finds what the first did (held, or its write) before anything else.
 */
async function guarded(
  input: CardActionInput,
  user: SessionUser,
  replay: (stored: OperationRecord) => Promise<CardActionResult>,
  work: (lease: LaneLease) => Promise<CardActionResult>,
): Promise<CardActionResult> {
  const earlier = async (): Promise<CardActionResult | null> => {
    const stored = await findOperation(input.idempotencyKey);
    if (stored) return replay(stored);
    const held = await findHeld(input.idempotencyKey, user);
    if (held) {
      const target = await storedTarget(input);
      return heldResult(target, held, await currencyOf(target));
    }
    return null;
  };
  const first = await earlier();
  if (first) return first;
  return withLane(cardLane(input.cardId), input.idempotencyKey, async (lease) => (await earlier()) ?? work(lease));
}

async function currencyOf(target: Target): Promise<string | null> {
  return (await findAccount(target.balanceAliasId))?.currency ?? null;
}

/** lock, unlock, cancel, unassign, accept, reject: no input beyond the approval. Accept raises the budget: see acceptRequest. */
export async function runSimpleCardAction(action: Exclude<ApprovalAction, 'edit' | 'changeBudget'>, input: CardActionInput, user: SessionUser, approved: ApprovedChange | null = null): Promise<CardActionResult> {
  if (action === 'accept') return acceptRequest(input, user, approved);
  const { target, repeat } = await loadTarget(input);
  if (!repeat) assertAllowed(action, target);
  return send(action, target, input.idempotencyKey, user.id, { approvalId: target.sparadosId }, await currencyOf(target));
}

/** Budget of the approval a reapproval replaces, as Sparados has it now. */
async function parentBudget(target: Target): Promise<bigint> {
  if (!target.parentId) return 0n;
  try {
    return BigInt((await getSparadosClient().getApproval(target.parentId)).budgetMinor);
  } catch (error) {
    throw isSparadosError(error) ? toAppError(error) : error;
  }
}

/** "budget PLN 400.00 → PLN 900.00" */
function budgetWords(from: bigint, to: bigint, currency: string | null): string {
  const money = (v: bigint) => (currency ? formatMoney(v, currency) : `${v} (minor units)`);
  return from === to ? `budget unchanged at ${money(to)}` : `budget ${money(from)} → ${money(to)}`;
}

/** Accepting a cardholder's change request: it raises the budget from the current approval's to the request's. */
async function acceptRequest(input: CardActionInput, user: SessionUser, approved: ApprovedChange | null): Promise<CardActionResult> {
  const replay = async (stored: OperationRecord) => {
    const target = await storedTarget(input);
    return send('accept', target, input.idempotencyKey, user.id, stored.request, await currencyOf(target), { existingOnly: true });
  };
  return guarded(input, user, replay, async (lease) => {
    const { target } = await loadTarget(input);
    assertAllowed('accept', target);
    const currency = await currencyOf(target);
    const from = await parentBudget(target);
    const label = await cardLabelOf(target.cardId);
    const gate = await admitBudgetChange({
      actor: user,
      kind: 'ACCEPT_REQUEST',
      cardId: target.cardId,
      increaseMinor: target.budgetMinor - from,
      currency: currency ?? '',
      operationKey: input.idempotencyKey,
      lease,
      approved,
      hold: () => ({
        summary: `accept the change request for ${label} (${budgetWords(from, target.budgetMinor, currency)})`,
        approvalSparadosId: target.sparadosId,
        payload: toPayload({ cardId: target.cardId, approvalId: target.sparadosId, edit: null }),
      }),
    });
    if (gate.decision === 'wait') return heldResult(target, gate.held, currency);
    return send('accept', target, input.idempotencyKey, user.id, { approvalId: target.sparadosId }, currency, { admission: gate.admission });
  });
}

// Budget changes (issue 6) live in lib/budgets/change.ts: amounts, targets and the four-eyes rule.

/**
 * Edit rules. Of a DELIVERED approval Sparados makes an accepted reapproval at once, so a higher budget
 * is a raise the gate judges; of a CREATED request the edit changes the request in place and raises
 * nothing until the request is accepted (which the gate judges then).
 */
export async function editCardRules(input: EditCard, user: SessionUser, approved: ApprovedChange | null = null): Promise<CardActionResult> {
  const body = toEditApprovalInput(input, await getMccCategories());
  const renamed = async (result: CardActionResult) => {
    const now = await cardLabelOf(result.cardId);
    return { ...result, renamedTo: now === result.label ? null : now };
  };
  const replay = async (stored: OperationRecord) => {
    const target = await storedTarget(input);
    return renamed(await send('edit', target, input.idempotencyKey, user.id, stored.request, await currencyOf(target), { existingOnly: true }));
  };
  return guarded(input, user, replay, async (lease) => {
    const { target } = await loadTarget(input);
    const currency = await currencyOf(target);
    assertAllowed('edit', target);
    if (currency && currency !== input.currency) throw new AppError('CONFLICT', `The account is in ${currency}; reload the page.`);
    const label = await cardLabelOf(target.cardId);
    const to = BigInt(body.rules.budgetMinor);
    const statusBefore = target.status === 'CREATED' ? 'CREATED' : 'DELIVERED';
    const gate = await admitBudgetChange({
      actor: user,
      kind: 'EDIT',
      cardId: target.cardId,
      increaseMinor: statusBefore === 'DELIVERED' ? to - target.budgetMinor : 0n,
      currency: input.currency,
      operationKey: input.idempotencyKey,
      lease,
      approved,
      hold: () => ({ summary: `edit the rules of ${label} (${budgetWords(target.budgetMinor, to, input.currency)})`, approvalSparadosId: target.sparadosId, payload: toPayload(input) }),
    });
    if (gate.decision === 'wait') return heldResult(target, gate.held, currency);
    return renamed(await send('edit', target, input.idempotencyKey, user.id, { approvalId: target.sparadosId, body, statusBefore }, currency, { admission: gate.admission }));
  });
}
