import 'server-only';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma, type BudgetChangeKind, type BudgetChangeRequest } from '@/lib/generated/prisma/client';
import { cardLane, holdsLane, type LaneLease } from '@/lib/operations/lanes';
import { forgetOpenRequestCount } from '@/lib/requests/queries';
import { lockPerson, recordGrant, usageOf } from './grants';
import { judgeIncrease, limitWords, type Judgement, type LimitName } from './policy';
import { readBudgetPolicy } from './policy-store';

// The one gate every raise of what a card may spend passes (docs/decisions/105): assigning a card (form
// and CSV), editing its rules, topping it up (one card or many), accepting a cardholder's change request
// (with or without an edit), and carrying out any of these once a second person approved it. It decides:
// admit now (the write may go to Sparados, and the raise counts against the person's and the card's
// rolling totals), or hold the change until a different person approves it. The Sparados write of each
// of these kinds refuses to start without the admission the gate hands out (lib/approvals/operations.ts),
// so a path that skipped the gate could not send anything.

export type GuardedKind = Exclude<BudgetChangeKind, 'POLICY' | 'CONTACT'>;

/** Why a change of a kind that is no budget raise waits (the contact data of one-time codes). */
const CONTACT_REASON = 'a change of the contact data one-time codes are sent to, which needs a second person';

/** What to keep when a change must wait: its words, and all that is needed to carry it out later. */
export interface HoldDraft {
  summary: string;
  payload?: Prisma.InputJsonValue;
  approvalSparadosId?: string | null;
  mode?: 'BY' | 'TARGET' | null;
  amountMinor?: bigint | null;
  deltaMinor?: bigint | null;
  before?: { budgetMinor: bigint; spentMinor: bigint | null; availableMinor: bigint | null } | null;
}

/** A change a second person approved, being carried out now. */
export interface ApprovedChange {
  change: Pick<BudgetChangeRequest, 'id' | 'kind' | 'cardId' | 'increaseMinor' | 'requestedById' | 'mode'>;
  approver: SessionUser;
}

export interface AdmitRequest {
  /** Who asks (for an approved change: who asked for it first). */
  actor: SessionUser;
  kind: GuardedKind;
  /** The card; null for a new one. */
  cardId: string | null;
  /** How much it raises what the card may spend; zero or less raises nothing and is always admitted. */
  increaseMinor: bigint;
  currency: string;
  /** The idempotency key of the write that will carry it out. */
  operationKey: string;
  /** Changes of an existing card hold its lane from before their fresh read until their write is recorded. */
  lease: LaneLease | null;
  approved?: ApprovedChange | null;
  hold(): HoldDraft;
}

/** Proof that the gate let a write through; the guarded write kinds require it. */
export interface Admission {
  readonly operationKey: string;
  readonly lease: LaneLease | null;
  readonly increaseMinor: bigint;
}

export interface HeldChange {
  changeId: string;
  kind: GuardedKind | 'CONTACT';
  /** The card; null for a new card. */
  cardId: string | null;
  summary: string;
  /** Which limit held it, in words ("above the operator limit of PLN 1,000.00 per change"). */
  reason: string;
  limit: LimitName | null;
  limitMinor: string | null;
  leftMinor: string | null;
  currency: string;
  /** True when this intent had been held already (a double click): nothing new was stored. */
  replayed: boolean;
}

export type GateDecision = { decision: 'apply'; admission: Admission } | { decision: 'wait'; held: HeldChange };

const admitted = new WeakSet<Admission>();

export function isAdmission(value: unknown, operationKey: string): value is Admission {
  return typeof value === 'object' && value !== null && admitted.has(value as Admission) && (value as Admission).operationKey === operationKey;
}

function admit(request: AdmitRequest): Admission {
  const admission: Admission = Object.freeze({ operationKey: request.operationKey, lease: request.lease, increaseMinor: request.increaseMinor });
  admitted.add(admission);
  return admission;
}

function checkApproved(request: AdmitRequest, approved: ApprovedChange): void {
  const { change, approver } = approved;
  if (approver.id === change.requestedById) throw new AppError('FORBIDDEN', 'You asked for this change, so someone else must approve it (four eyes).');
  if (change.kind !== request.kind || (change.cardId !== null && change.cardId !== request.cardId)) {
    throw new Error(`approved change ${change.id} (${change.kind}) does not match the write being admitted (${request.kind})`);
  }
  // A target for the available amount is worked out again when approved (spend may have moved it);
  // anything else may not raise more than the approver was shown.
  if (change.mode !== 'TARGET' && request.increaseMinor > change.increaseMinor) {
    throw new AppError('CONFLICT', 'This change would now raise the budget by more than was asked for approval (the card or the request changed since). Decline it and ask again.');
  }
}

/** The audit entry of a change held for a second person: what was asked, and which limit held it. */
export function heldAuditDraft(actorName: string, held: HeldChange, where = '') {
  return {
    action: 'budgets.change_requested',
    summary:
      held.kind === 'CONTACT'
        ? `${actorName} asked to ${held.summary}${where}; one-time codes are sent there, so it waits for a second approver.`
        : `${actorName} asked to ${held.summary}${where}; ${held.reason}, it waits for a second approver.`,
    targetType: held.cardId ? 'card' : 'budget_change',
    targetId: held.cardId ?? held.changeId,
    after: { changeRequestId: held.changeId, kind: held.kind, heldBy: held.limit, limitMinor: held.limitMinor, leftMinor: held.leftMinor, currency: held.currency },
  };
}

/** Words for a held change's result and refusal messages. */
export function heldMessage(held: Pick<HeldChange, 'reason'>): string {
  return `It is ${held.reason}, so it waits for a second person: an Approver or Admin other than you approves it in Requests, and only then is it sent to Sparados.`;
}

function heldOf(row: BudgetChangeRequest, role: SessionUser['role'], replayed: boolean): HeldChange {
  const judgement = row.heldBy
    ? ({ ok: false, limit: row.heldBy as LimitName, limitMinor: row.limitMinor ?? 0n, usedMinor: row.usedMinor ?? 0n, leftMinor: maxZero((row.limitMinor ?? 0n) - (row.usedMinor ?? 0n)) } as const)
    : null;
  return {
    changeId: row.id,
    kind: row.kind as GuardedKind | 'CONTACT',
    cardId: row.cardId,
    summary: row.summary,
    reason: judgement ? limitWords(judgement, row.currency, role) : row.kind === 'CONTACT' ? CONTACT_REASON : 'above what you may add alone',
    limit: judgement?.limit ?? null,
    limitMinor: judgement ? judgement.limitMinor.toString() : null,
    leftMinor: judgement ? judgement.leftMinor.toString() : null,
    currency: row.currency,
    replayed,
  };
}

const maxZero = (v: bigint) => (v > 0n ? v : 0n);

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Holds a change that is not a budget raise but still needs a second person (a cardholder's contact data,
 * where one-time codes go: docs/decisions/107), in the same table, inbox and approval flow.
 */
export async function holdForSecondPerson(request: { actor: SessionUser; kind: 'CONTACT'; requestKey: string; summary: string; payload: Prisma.InputJsonValue }): Promise<HeldChange> {
  try {
    const row = await db.budgetChangeRequest.create({
      data: { kind: request.kind, currency: '', summary: request.summary, payload: request.payload, requestKey: request.requestKey, requestedById: request.actor.id, requestedByName: request.actor.name },
    });
    forgetOpenRequestCount();
    return heldOf(row, request.actor.role, false);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const first = await findHeld(request.requestKey, request.actor);
    if (!first) throw error;
    return first;
  }
}

/** A change this intent already held (a double click or a retry of the same form). */
export async function findHeld(requestKey: string, actor: SessionUser): Promise<HeldChange | null> {
  const row = await db.budgetChangeRequest.findUnique({ where: { requestKey } });
  return row && row.kind !== 'POLICY' ? heldOf(row, actor.role, true) : null;
}

async function hold(request: AdmitRequest, judgement: Exclude<Judgement, { ok: true }>): Promise<HeldChange> {
  const draft = request.hold();
  // One held accept per change request: a second approver's accept joins the first instead of piling up.
  if (request.kind === 'ACCEPT_REQUEST' && draft.approvalSparadosId) {
    const waiting = await db.budgetChangeRequest.findFirst({ where: { kind: 'ACCEPT_REQUEST', approvalSparadosId: draft.approvalSparadosId, status: 'AWAITING_APPROVAL' } });
    if (waiting) return heldOf(waiting, request.actor.role, true);
  }
  try {
    const row = await db.budgetChangeRequest.create({
      data: {
        kind: request.kind,
        cardId: request.cardId,
        approvalSparadosId: draft.approvalSparadosId ?? null,
        mode: draft.mode ?? null,
        amountMinor: draft.amountMinor ?? null,
        deltaMinor: draft.deltaMinor ?? null,
        budgetBeforeMinor: draft.before?.budgetMinor ?? null,
        spentBeforeMinor: draft.before?.spentMinor ?? null,
        availableBeforeMinor: draft.before?.availableMinor ?? null,
        currency: request.currency,
        increaseMinor: request.increaseMinor,
        heldBy: judgement.limit,
        limitMinor: judgement.limitMinor,
        usedMinor: judgement.usedMinor,
        summary: draft.summary,
        payload: draft.payload ?? Prisma.DbNull,
        requestKey: request.operationKey,
        requestedById: request.actor.id,
        requestedByName: request.actor.name,
      },
    });
    forgetOpenRequestCount();
    return heldOf(row, request.actor.role, false);
  } catch (error) {
    // A double click raced this one to the insert: the first one's hold stands.
    if (!isUniqueViolation(error)) throw error;
    const first = await findHeld(request.operationKey, request.actor);
    if (!first) throw error;
    return first;
  }
}

/**
 * The budget policy's decision on one raise. Admitted raises are recorded against the rolling totals
 * at once; a held one is stored (once per intent key) for a second person.
 */
export async function admitBudgetChange(request: AdmitRequest): Promise<GateDecision> {
  if (request.cardId && !holdsLane(request.lease, cardLane(request.cardId))) {
    throw new Error(`admitBudgetChange: a change of card ${request.cardId} must hold the card's lane`);
  }
  const grant = { actorId: request.actor.id, cardId: request.cardId, kind: request.kind, increaseMinor: request.increaseMinor, currency: request.currency, operationKey: request.operationKey };
  if (request.approved) {
    checkApproved(request, request.approved);
    if (request.increaseMinor > 0n) await recordGrant(db, { ...grant, changeId: request.approved.change.id, approvedById: request.approved.approver.id });
    return { decision: 'apply', admission: admit(request) };
  }
  if (request.increaseMinor <= 0n) return { decision: 'apply', admission: admit(request) };

  // The policy is read before the person's lock is taken (it changes rarely; the lock guards the totals).
  const { policy } = await readBudgetPolicy();
  const judgement = await db.$transaction(async (tx) => {
    await lockPerson(tx, request.actor.id);
    const usage = await usageOf(tx, { actorId: request.actor.id, cardId: request.cardId }, new Date());
    const verdict = judgeIncrease(policy, request.actor.role, { kind: request.kind === 'ASSIGN' ? 'new_card' : 'raise', amountMinor: request.increaseMinor }, usage);
    if (verdict.ok) await recordGrant(tx, grant);
    return verdict;
  });
  if (judgement.ok) return { decision: 'apply', admission: admit(request) };
  return { decision: 'wait', held: await hold(request, judgement) };
}
