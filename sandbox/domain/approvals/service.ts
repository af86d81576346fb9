// What the corporation (Cards API) and the end user (control API) do to approvals.
import type { SandboxCore } from '../../core';
import { ApiError, notAllowed, validationError } from '../../http/errors';
import type { Approval, ApprovalRules } from '../../store/types';
import { newCard } from '../cards';
import { newUuid } from '../ids';
import { isoInstant, minorAmount, parseOrThrow } from '../validation';
import { z } from 'zod';
import { createApprovalSchema, editApprovalSchema, type ApprovalSchemaContext } from './schema';
import { actionState, isAllowed, type CorporationAction } from './status';

/** Full API: between 0.3 s and 3 s after creation the approval delivers itself (SANDBOX.md). */
export const AUTO_DELIVER_MIN_MS = 300;
export const AUTO_DELIVER_MAX_MS = 3_000;

function schemaContext(core: SandboxCore, corporationId: string): ApprovalSchemaContext {
  return {
    isCardAlias: (id) => core.store.balancesByAlias.get(id)?.corporationId === corporationId,
    isBalanceId: (id) => core.store.balances.has(id),
    userExists: (id) => {
      const user = core.store.users.get(Number(id));
      return user !== undefined && user.corporationId === corporationId;
    },
    isVisual: (id) => core.corporation.visuals.some((v) => v.id === id),
    now: () => core.clock.now(),
  };
}

/** Schemas read live state through their context, so one pair per corporation serves every request (building one costs more than parsing). */
const schemaCache = new WeakMap<SandboxCore, Map<string, { create: ReturnType<typeof createApprovalSchema>; edit: ReturnType<typeof editApprovalSchema> }>>();

function schemasFor(core: SandboxCore, corporationId: string) {
  let byCorporation = schemaCache.get(core);
  if (!byCorporation) schemaCache.set(core, (byCorporation = new Map()));
  let schemas = byCorporation.get(corporationId);
  if (!schemas) {
    const context = schemaContext(core, corporationId);
    schemas = { create: createApprovalSchema(context), edit: editApprovalSchema(context) };
    byCorporation.set(corporationId, schemas);
  }
  return schemas;
}

function requireAction(core: SandboxCore, approval: Approval, action: CorporationAction): void {
  const state = actionState(approval, core.cardOf(approval));
  if (!isAllowed(state, action)) throw notAllowed(`Action ${action} is not allowed on an approval in status ${state}`);
}

function requireBudgetCovers(core: SandboxCore, approval: Approval, budgetMinor: number): void {
  const spent = core.cardOf(approval)?.spentMinor ?? 0;
  if (budgetMinor < spent) {
    throw new ApiError(422, 'BUDGET_BELOW_SPENT', `Budget ${budgetMinor} would be below what the card has already spent (${spent})`);
  }
}

export function createApproval(core: SandboxCore, corporationId: string, body: unknown): Approval {
  const input = parseOrThrow(schemasFor(core, corporationId).create, body);
  const now = core.clock.now().toISOString();
  const fullApi = input.user.id !== undefined;
  const approval: Approval = {
    id: newUuid(),
    corporationId,
    status: 'ACCEPTED',
    origin: 'CORPORATION',
    parentId: null,
    replacedById: null,
    pendingReapprovalId: null,
    cardId: null,
    user: fullApi ? { ...input.user, id: Number(input.user.id) } : input.user,
    fullApi,
    balance: { id: input.balance.id },
    rules: input.rules,
    card: input.card ?? { description: null, visual: null },
    tags: input.tags ?? [],
    createdAt: now,
    updatedAt: now,
    expiringEmailAt: null,
    autoDeliverAt: fullApi ? Date.now() + AUTO_DELIVER_MIN_MS + Math.floor(Math.random() * (AUTO_DELIVER_MAX_MS - AUTO_DELIVER_MIN_MS)) : null,
  };
  core.store.addApproval(approval);
  core.sendEmail('BC_USER_PENDING_CARD', approval);
  scheduleAutoDelivery(core, approval);
  core.store.changed();
  return approval;
}

export function scheduleAutoDelivery(core: SandboxCore, approval: Approval): void {
  if (approval.autoDeliverAt === null || approval.status !== 'ACCEPTED') return;
  const timer = setTimeout(() => {
    core.autoDeliverTimers.delete(approval.id);
    if (approval.status !== 'ACCEPTED' || core.store.approvals.get(approval.id) !== approval) return;
    approval.autoDeliverAt = null;
    deliver(core, approval);
    core.sendEmail('BC_USER_NEW_CARD', approval);
    core.store.changed();
  }, Math.max(0, approval.autoDeliverAt - Date.now()));
  timer.unref();
  core.autoDeliverTimers.set(approval.id, timer);
}

function cancelAutoDelivery(core: SandboxCore, approval: Approval): void {
  const timer = core.autoDeliverTimers.get(approval.id);
  if (timer) clearTimeout(timer);
  core.autoDeliverTimers.delete(approval.id);
  approval.autoDeliverAt = null;
}

/** Generates the card and makes the approval DELIVERED. */
export function deliver(core: SandboxCore, approval: Approval): void {
  const now = core.clock.now();
  const balance = core.balanceByAlias(approval.balance.id);
  const card = newCard({
    id: core.store.counters.nextCardId++,
    approval,
    balanceId: balance.id,
    userId: approval.fullApi ? Number(approval.user.id) : null,
    now,
    isPanTaken: (pan) => core.store.pans.has(pan),
  });
  core.store.addCard(card);
  approval.cardId = card.id;
  approval.status = 'DELIVERED';
  approval.updatedAt = now.toISOString();
}

/** Ends a DELIVERED approval (unassign, end date): the card is taken away, a waiting reapproval lapses. */
export function finish(core: SandboxCore, approval: Approval): void {
  approval.status = 'FINISHED';
  const card = core.cardOf(approval);
  if (card) card.removed = true;
  expirePendingReapproval(core, approval);
  core.touch(approval);
}

function expirePendingReapproval(core: SandboxCore, parent: Approval): void {
  if (!parent.pendingReapprovalId) return;
  const pending = core.store.approvals.get(parent.pendingReapprovalId);
  parent.pendingReapprovalId = null;
  if (pending?.status === 'CREATED') {
    pending.status = 'EXPIRED';
    core.touch(pending);
  }
}

export function editApproval(core: SandboxCore, corporationId: string, id: string, body: unknown): Approval {
  const approval = core.approval(corporationId, id);
  requireAction(core, approval, 'edit');
  const input = parseOrThrow(schemasFor(core, corporationId).edit, body);
  requireBudgetCovers(core, approval, input.rules.budgetMinor);
  const now = core.clock.now().toISOString();
  if (approval.status === 'CREATED') {
    // Decision: an edit of a waiting reapproval changes the request in place.
    approval.rules = input.rules;
    if (input.card) approval.card = input.card;
    if (input.tags) approval.tags = input.tags;
    approval.updatedAt = now;
    core.store.changed();
    return approval;
  }
  // Decision: the corporation's edit of a DELIVERED approval is a reapproval accepted at once.
  const reapproval: Approval = {
    ...approval,
    id: newUuid(),
    status: 'DELIVERED',
    origin: 'CORPORATION',
    parentId: approval.id,
    replacedById: null,
    pendingReapprovalId: null,
    rules: input.rules,
    card: input.card ?? approval.card,
    tags: input.tags ?? approval.tags,
    createdAt: now,
    updatedAt: now,
    expiringEmailAt: null,
    autoDeliverAt: null,
  };
  core.store.addApproval(reapproval);
  replace(core, approval, reapproval);
  core.store.changed();
  return reapproval;
}

/** The reapproval takes over the card; the approval it replaces becomes REAPPROVED. */
function replace(core: SandboxCore, original: Approval, reapproval: Approval): void {
  expirePendingReapproval(core, original);
  original.status = 'REAPPROVED';
  original.replacedById = reapproval.id;
  core.touch(original);
  const card = core.cardOf(original);
  if (card) card.approvalId = reapproval.id;
  reapproval.status = 'DELIVERED';
  reapproval.cardId = original.cardId;
  core.touch(reapproval);
}

const increaseBudgetSchema = z.object(
  { additionalBudgetMinor: minorAmount().refine((v) => v !== 0, 'must not be zero') },
  { error: 'must be a JSON object' },
);

export function applyAction(core: SandboxCore, corporationId: string, id: string, action: Exclude<CorporationAction, 'edit'>, body: unknown): Approval {
  const approval = core.approval(corporationId, id);
  requireAction(core, approval, action);
  const card = core.cardOf(approval);
  switch (action) {
    case 'cancel': {
      const wasReapproval = approval.status === 'CREATED';
      cancelAutoDelivery(core, approval);
      approval.status = 'CANCELED';
      if (wasReapproval) clearPendingOnParent(core, approval);
      else core.sendEmail('BC_USER_CARD_DELETED', approval);
      break;
    }
    case 'unassign':
      finish(core, approval);
      core.sendEmail('BC_USER_CARD_DELETED', approval);
      break;
    case 'increase_budget': {
      const { additionalBudgetMinor } = parseOrThrow(increaseBudgetSchema, body);
      const budgetMinor = approval.rules.budgetMinor + additionalBudgetMinor;
      if (!Number.isSafeInteger(budgetMinor)) throw validationError([{ field: 'additionalBudgetMinor', message: 'makes the budget too large' }]);
      requireBudgetCovers(core, approval, budgetMinor);
      approval.rules = { ...approval.rules, budgetMinor };
      break;
    }
    case 'accept': {
      const parent = approval.parentId ? core.store.approvals.get(approval.parentId) : undefined;
      if (!parent || parent.status !== 'DELIVERED') {
        throw notAllowed(`The approval this reapproval replaces is ${parent?.status ?? 'missing'}, not DELIVERED`);
      }
      requireBudgetCovers(core, parent, approval.rules.budgetMinor);
      replace(core, parent, approval);
      break;
    }
    case 'reject':
      approval.status = 'REJECTED';
      clearPendingOnParent(core, approval);
      break;
    case 'lock':
      card!.status = 'LOCKED';
      core.sendEmail('BC_USER_CARD_LOCKED', approval);
      break;
    case 'unlock':
      card!.status = 'ACTIVE';
      break;
  }
  core.touch(approval);
  core.store.changed();
  return approval;
}

function clearPendingOnParent(core: SandboxCore, reapproval: Approval): void {
  const parent = reapproval.parentId ? core.store.approvals.get(reapproval.parentId) : undefined;
  if (parent?.pendingReapprovalId === reapproval.id) parent.pendingReapprovalId = null;
}

/** Control API: the end user registers and redeems the card. */
export function redeem(core: SandboxCore, corporationId: string, id: string): Approval {
  const approval = core.approval(corporationId, id);
  if (approval.status !== 'ACCEPTED') throw notAllowed(`Only an ACCEPTED approval can be redeemed; this one is ${approval.status}`);
  cancelAutoDelivery(core, approval);
  if (new Date(approval.rules.validityPeriod.startDate).getTime() > core.clock.nowMs()) {
    approval.status = 'PREPARED';
    core.touch(approval);
  } else {
    deliver(core, approval);
  }
  core.sendEmail('BC_USER_NEW_CARD', approval);
  core.store.changed();
  return approval;
}

const changeRequestSchema = z
  .object({ budgetMinor: minorAmount().min(0, 'must not be negative').optional(), endDate: isoInstant().optional() }, { error: 'must be a JSON object' })
  .refine((b) => b.budgetMinor !== undefined || b.endDate !== undefined, { message: 'needs budgetMinor or endDate', path: ['budgetMinor'] });

/** Control API: the end user asks for a higher budget or a later end date → a CREATED reapproval. */
export function requestChange(core: SandboxCore, corporationId: string, id: string, body: unknown): Approval {
  const parent = core.approval(corporationId, id);
  if (parent.status !== 'DELIVERED') throw notAllowed(`A change can be requested only on a DELIVERED approval; this one is ${parent.status}`);
  if (!parent.rules.purpose.allowChangeRequest) throw notAllowed('This approval does not allow change requests (allowChangeRequest is false)');
  if (parent.pendingReapprovalId) throw notAllowed(`A change request is already waiting: ${parent.pendingReapprovalId}`);
  const input = parseOrThrow(changeRequestSchema, body ?? {});
  const validityPeriod = { ...parent.rules.validityPeriod };
  if (input.endDate !== undefined) {
    const end = new Date(input.endDate);
    if (end.getTime() <= new Date(validityPeriod.startDate).getTime()) throw validationError([{ field: 'endDate', message: 'must be after startDate' }]);
    validityPeriod.endDate = end.toISOString();
  }
  const rules: ApprovalRules = { ...parent.rules, budgetMinor: input.budgetMinor ?? parent.rules.budgetMinor, validityPeriod };
  const now = core.clock.now().toISOString();
  const reapproval: Approval = {
    ...parent,
    id: newUuid(),
    status: 'CREATED',
    origin: 'USER',
    parentId: parent.id,
    replacedById: null,
    pendingReapprovalId: null,
    rules,
    createdAt: now,
    updatedAt: now,
    expiringEmailAt: null,
    autoDeliverAt: null,
  };
  core.store.addApproval(reapproval);
  parent.pendingReapprovalId = reapproval.id;
  core.store.changed();
  return reapproval;
}
