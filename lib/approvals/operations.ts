import 'server-only';
import { z } from 'zod';
import { db as defaultDb } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { OperationHandler, SendContext, StoredOperation } from '@/lib/operations/handler';
import { isAdmission, type Admission } from '@/lib/budgets/gate';
import { performWrite, type PerformWriteOptions, type WriteIntent, type WriteOutcome } from '@/lib/operations/perform-write';
import { getSparadosClient, type Approval, type CreateApprovalInput, type EditApprovalInput } from '@/lib/sparados';
import { saveApprovalFromSparados } from './store';

// Every upstream approval write as a named operation kind: how to send it from its stored request
// and how to record the approval Sparados returns. Actions, bulk jobs and the reconciler all go
// through these, so a write interrupted anywhere is finished the same way.

/** JSON (a stored response) back into the client's Approval: dates were stored as ISO strings. */
export function reviveApproval(json: unknown): Approval {
  const a = json as Approval & { validity: { startDate: string | Date; endDate: string | Date }; createdAt: string | Date | null; updatedAt: string | Date | null };
  return {
    ...a,
    validity: { ...a.validity, startDate: new Date(a.validity.startDate), endDate: new Date(a.validity.endDate) },
    createdAt: a.createdAt ? new Date(a.createdAt) : null,
    updatedAt: a.updatedAt ? new Date(a.updatedAt) : null,
  };
}

const byId = z.object({ approvalId: z.string().min(1) });
const createRequest = z.object({ body: z.custom<CreateApprovalInput>((v) => typeof v === 'object' && v !== null), cardholderId: z.string().uuid().optional() });
const editRequest = z.object({
  approvalId: z.string().min(1),
  body: z.custom<EditApprovalInput>((v) => typeof v === 'object' && v !== null),
  /** The approval's status when the edit was planned: how a replay tells an applied edit (decision 061). */
  statusBefore: z.enum(['DELIVERED', 'CREATED']).optional(),
});
/**
 * A budget change as planned: the signed amount Sparados' increase_budget takes, and the absolute
 * budget it was planned from and aims at, so that a replay sends it only while the card is still at
 * `budgetBeforeMinor` and never when it is already at `targetBudgetMinor` (decision 102).
 */
const budgetRequest = z.object({
  approvalId: z.string().min(1),
  additionalBudgetMinor: z.number().int(),
  budgetBeforeMinor: z.number().int().optional(),
  targetBudgetMinor: z.number().int().optional(),
});

export type CreateApprovalRequest = z.infer<typeof createRequest>;
export type EditApprovalRequest = z.infer<typeof editRequest>;
export type BudgetRequest = z.infer<typeof budgetRequest>;
export type ByIdRequest = z.infer<typeof byId>;

async function record(approval: Approval, tx: Prisma.TransactionClient, operation: Pick<StoredOperation, 'cardId'>) {
  const saved = await saveApprovalFromSparados(approval, { cardId: operation.cardId ?? undefined, tx, recordChanges: false });
  return { cardId: saved.cardId };
}

/**
 * An accepted reapproval (a corporation edit of a DELIVERED approval, or accepting a change
 * request) replaces its parent, which Sparados marks REAPPROVED. Recorded now so the chain reads
 * right at once; sync confirms it on its next pass.
 */
async function recordReplacement(approval: Approval, tx: Prisma.TransactionClient, operation: Pick<StoredOperation, 'cardId'>) {
  const saved = await record(approval, tx, operation);
  if (approval.status === 'DELIVERED' && approval.parentId) {
    await tx.approval.updateMany({ where: { sparadosId: approval.parentId, status: 'DELIVERED' }, data: { status: 'REAPPROVED', statusRaw: 'REAPPROVED' } });
  }
  return saved;
}

type ActionCall = 'cancelApproval' | 'unassignApproval' | 'acceptReapproval' | 'rejectReapproval' | 'lockCard' | 'unlockCard';

/** Client options of one attempt: its deadline, and on a replay "read first, stop when unsure". */
function callOptions(key: string, context: SendContext, ifUnsure: 'send' | 'stop' = 'stop') {
  return { idempotencyKey: key, deadlineAt: context.deadlineAt, ...(context.replay ? { replay: { ifUnsure } } : {}) };
}

function simpleAction(call: ActionCall, describe: string, replaces = false): OperationHandler<Approval> {
  return {
    send: (request, key, context) => getSparadosClient()[call](byId.parse(request).approvalId, callOptions(key, context)),
    apply: (approval, tx, operation) => (replaces ? recordReplacement(approval, tx, operation) : record(approval, tx, operation)),
    revive: reviveApproval,
    describe: (approval) => `${describe} confirmed by Sparados (approval ${approval.id}).`,
  };
}

export const APPROVAL_OPERATIONS = {
  'approval.create': {
    // A create cannot always be found by reading (the scan is capped): when unsure, the key decides.
    send: (request, key, context) =>
      getSparadosClient().createApproval(createRequest.parse(request).body, { ...callOptions(key, context, 'send'), firstAttemptAt: context.replay?.firstSentAt }),
    apply: async (approval, tx, operation) => {
      const { cardholderId } = createRequest.parse(operation.request);
      const saved = await saveApprovalFromSparados(approval, { cardholderId, cardId: operation.cardId ?? undefined, tx, recordChanges: false });
      return { cardId: saved.cardId };
    },
    revive: reviveApproval,
    describe: (approval) => `Card assignment confirmed by Sparados (approval ${approval.id}).`,
  },
  'approval.edit': {
    send: (request, key, context) => {
      const { approvalId, body, statusBefore } = editRequest.parse(request);
      // Rows from before statusBefore was recorded replay as they always did: trusting the key.
      return getSparadosClient().editApproval(approvalId, body, { ...callOptions(key, context, statusBefore ? 'stop' : 'send'), statusBefore });
    },
    apply: recordReplacement,
    revive: reviveApproval,
    describe: (approval) => `Edit confirmed by Sparados: the card now follows approval ${approval.id}.`,
  },
  'approval.budget': {
    send: (request, key, context) => {
      const { approvalId, additionalBudgetMinor, budgetBeforeMinor } = budgetRequest.parse(request);
      return getSparadosClient().increaseBudget(approvalId, additionalBudgetMinor, { ...callOptions(key, context, budgetBeforeMinor === undefined ? 'send' : 'stop'), budgetBeforeMinor });
    },
    apply: record,
    revive: reviveApproval,
    describe: (approval) => `Budget change confirmed by Sparados (approval ${approval.id}).`,
  },
  'approval.lock': simpleAction('lockCard', 'Lock'),
  'approval.unlock': simpleAction('unlockCard', 'Unlock'),
  'approval.cancel': simpleAction('cancelApproval', 'Cancellation'),
  'approval.unassign': simpleAction('unassignApproval', 'Unassignment'),
  'approval.accept': simpleAction('acceptReapproval', 'Accepting the change request', true),
  'approval.reject': simpleAction('rejectReapproval', 'Rejecting the change request'),
} as const satisfies Record<string, OperationHandler<Approval>>;

export type ApprovalOperationKind = keyof typeof APPROVAL_OPERATIONS;

export type ApprovalOperationRequest<K extends ApprovalOperationKind> = K extends 'approval.create'
  ? CreateApprovalRequest
  : K extends 'approval.edit'
    ? EditApprovalRequest
    : K extends 'approval.budget'
      ? BudgetRequest
      : ByIdRequest;

/**
 * The writes that can raise what a card may spend: each needs the budget gate's admission
 * (lib/budgets/gate.ts, docs/decisions/105) to start. Replays of a recorded intent do not.
 */
export const BUDGET_RAISING_KINDS: ReadonlySet<ApprovalOperationKind> = new Set(['approval.create', 'approval.edit', 'approval.budget', 'approval.accept']);

export interface ApprovalOperationIntent<K extends ApprovalOperationKind> extends Omit<WriteIntent, 'kind' | 'request' | 'lease'> {
  request: ApprovalOperationRequest<K>;
  /** The budget gate's admission for this key: required by BUDGET_RAISING_KINDS; it carries the card's lane. */
  admission?: Admission;
  /** Only finish or replay the write already recorded under this key; never start a new one. */
  existingOnly?: boolean;
}

function assertAdmitted<K extends ApprovalOperationKind>(kind: K, intent: ApprovalOperationIntent<K>): void {
  if (!BUDGET_RAISING_KINDS.has(kind) || intent.existingOnly) return;
  if (!isAdmission(intent.admission, intent.idempotencyKey)) {
    throw new Error(`${kind} can raise a card's budget: it must pass the budget gate (lib/budgets/gate.ts) before it is sent`);
  }
}

/**
 * Runs one approval write through the write-intent pattern. Returns the approval Sparados answered
 * with (replayed from the record when this idempotency key already succeeded) and the card it
 * belongs to.
 */
export async function runApprovalOperation<K extends ApprovalOperationKind>(
  kind: K,
  intent: ApprovalOperationIntent<K>,
  options: Omit<PerformWriteOptions<Approval>, 'revive'> = {},
): Promise<WriteOutcome<Approval> & { cardId: string | null }> {
  assertAdmitted(kind, intent);
  const handler: OperationHandler<Approval> = APPROVAL_OPERATIONS[kind];
  const stored: Pick<StoredOperation, 'cardId' | 'request'> = { cardId: intent.cardId ?? null, request: intent.request };
  let cardId: string | null = intent.cardId ?? null;
  const { admission, existingOnly, ...write } = intent;
  const outcome = await performWrite<Approval>(
    {
      ...write,
      kind,
      approvalSparadosId: intent.approvalSparadosId ?? ('approvalId' in intent.request ? intent.request.approvalId : null),
      lease: admission?.lease ?? undefined,
    },
    (key, context) => handler.send(intent.request, key, context),
    async (approval, tx) => {
      const applied = await handler.apply(approval, tx, { ...stored, id: '', kind, idempotencyKey: intent.idempotencyKey, approvalSparadosId: null, actorId: null, createdAt: new Date() });
      cardId = (applied && applied.cardId) || cardId;
      return applied;
    },
    { ...options, revive: reviveApproval, existingOnly },
  );
  if (outcome.replayed && !cardId) {
    const row = await (options.db ?? defaultDb).approval.findUnique({ where: { sparadosId: outcome.result.id }, select: { cardId: true } });
    cardId = row?.cardId ?? null;
  }
  return { ...outcome, cardId };
}
