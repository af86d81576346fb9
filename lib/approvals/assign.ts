import 'server-only';
import { db } from '@/lib/db';
import { holderDisplayName } from '@/lib/budgets/card-label';
import { requireFullApi } from '@/lib/sparados/contract';
import { AppError } from '@/lib/errors';
import { runCardholderOperation } from '@/lib/cardholders/operations';
import { cardholderForSparadosUser, upsertCardholder } from '@/lib/cardholders/store';
import { getSparadosClient, isSparadosError, type Approval } from '@/lib/sparados';
import { toCreateApprovalInput, type ApprovalUserInput } from './assign-input';
import { loadAssignContext, type AssignServerContext } from './assign-context';
import { checkAssignContext, type AssignForm, type CardholderChoice } from './assign-schema';
import type { SessionUser } from '@/lib/auth/session-user';
import { admitBudgetChange, findHeld, type Admission, type ApprovedChange, type HeldChange } from '@/lib/budgets/gate';
import { attachGrantToCard } from '@/lib/budgets/grants';
import { toPayload } from '@/lib/budgets/payload';
import { formatMoney } from '@/lib/money';
import { findOperation } from '@/lib/operations/queries';
import { deriveKey } from './idempotency-keys';
import { runApprovalOperation, type CreateApprovalRequest } from './operations';
import { toFormFieldErrors } from './sparados-fields';
import { saveApprovalFromSparados } from './store';

// Assigning a card (issue 5 item 4): find or make the cardholder (and, on the Full API, the
// Sparados user), then create the approval through the write-intent pattern with the form's key.
// The same key on a double click, a retry or a CSV re-run returns the first result: one approval.

export interface AssignOutcome {
  /** null while held for a second person (no card yet). */
  cardId: string | null;
  /** The Sparados approval id (null while held). */
  approvalId: string | null;
  status: string;
  cardholderId: string | null;
  /** The cardholder's name (or e-mail) as the audit sentence gives it. */
  holderName: string;
  /** Full API: the card appears by itself shortly; the page polls for it. */
  fullApi: boolean;
  /** True when this key had already assigned the card (or held it): nothing new was created. */
  replayed: boolean;
  /** Above the assigner's allowance (the budget policy): held for a second person, nothing was sent. */
  held: HeldChange | null;
}

interface ResolvedHolder {
  cardholderId: string;
  user: ApprovalUserInput;
  fullApi: boolean;
}

function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

function fieldFailure(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fieldErrors: { [field]: [message] } });
}

async function resolveCardholder(choice: CardholderChoice, formKey: string, actorId: string | null): Promise<ResolvedHolder> {
  switch (choice.kind) {
    case 'existing': {
      const holder = await db.cardholder.findUnique({ where: { id: choice.cardholderId } });
      if (!holder || holder.deletedAt) throw fieldFailure('cardholder.cardholderId', 'This cardholder no longer exists; choose another');
      if (holder.sparadosUserId) {
        await requireFullApi('A card for a Sparados user', 'cardholder.cardholderId');
        return { cardholderId: holder.id, user: { kind: 'full', userId: holder.sparadosUserId }, fullApi: true };
      }
      return {
        cardholderId: holder.id,
        fullApi: false,
        user: {
          kind: 'simple',
          email: holder.email,
          phonePrefix: holder.phonePrefix,
          phoneNumber: holder.phoneNumber,
          firstName: holder.firstName,
          lastName: holder.lastName,
          birthDate: isoDate(holder.birthDate),
          nationality: holder.nationality,
        },
      };
    }
    case 'new': {
      if (choice.fullApi) await requireFullApi('Creating a Sparados user', 'cardholder.fullApi');
      const contact = {
        email: choice.email,
        phonePrefix: choice.phonePrefix,
        phoneNumber: choice.phoneNumber,
        firstName: choice.firstName || null,
        lastName: choice.lastName || null,
        birthDate: choice.birthDate || null,
        nationality: choice.nationality || null,
      };
      const holder = await upsertCardholder(db, contact);
      if (!choice.fullApi) return { cardholderId: holder.id, user: { kind: 'simple', ...contact }, fullApi: false };
      const stored = await db.cardholder.findUniqueOrThrow({ where: { id: holder.id }, select: { sparadosUserId: true } });
      if (stored.sparadosUserId) return { cardholderId: holder.id, user: { kind: 'full', userId: stored.sparadosUserId }, fullApi: true };
      const created = await runCardholderOperation('user.create', {
        idempotencyKey: deriveKey(formKey, 'user.create'),
        actorId,
        request: {
          cardholderId: holder.id,
          body: {
            email: choice.email,
            phoneNumber: `${choice.phonePrefix}${choice.phoneNumber}`,
            firstName: choice.firstName,
            lastName: choice.lastName,
            dateOfBirth: choice.birthDate,
            nationality: choice.nationality,
          },
        },
      });
      return { cardholderId: holder.id, user: { kind: 'full', userId: created.result.id }, fullApi: true };
    }
    case 'sparadosUser': {
      await requireFullApi('A card for a Sparados user', 'cardholder.sparadosUserId');
      try {
        const user = await getSparadosClient().getUser(choice.sparadosUserId);
        return { cardholderId: await cardholderForSparadosUser(db, user), user: { kind: 'full', userId: user.id }, fullApi: true };
      } catch (error) {
        if (isSparadosError(error) && error.status === 404) throw fieldFailure('cardholder.sparadosUserId', 'Sparados has no user with this id');
        throw error;
      }
    }
  }
}

/** How the summary of a held assignment names the person: the directory's name, or what the form says. */
async function holderWords(choice: CardholderChoice): Promise<string> {
  switch (choice.kind) {
    case 'existing': {
      const holder = await db.cardholder.findUnique({ where: { id: choice.cardholderId }, select: { firstName: true, lastName: true, email: true } });
      return holder ? holderDisplayName(holder) : 'a cardholder';
    }
    case 'new':
      return holderDisplayName({ firstName: choice.firstName || null, lastName: choice.lastName || null, email: choice.email });
    case 'sparadosUser':
      return `Sparados user ${choice.sparadosUserId}`;
  }
}

/**
 * Assigns a card. A new card's budget is a raise the budget gate judges (lib/budgets/gate.ts) before
 * anything is created: held, nothing is made (not even a Sparados user) until a second person approves.
 * `approved`: a second person approved this assignment; it is carried out under its own key.
 */
export async function assignCard(form: AssignForm, options: { actor: SessionUser; context?: AssignServerContext; approved?: ApprovedChange | null }): Promise<AssignOutcome> {
  const actor = options.actor;
  const context = options.context ?? (await loadAssignContext());
  const contextErrors = checkAssignContext(form, context);
  if (Object.keys(contextErrors).length > 0) throw new AppError('VALIDATION', undefined, { fieldErrors: contextErrors });

  const held = await findHeld(form.idempotencyKey, actor);
  const earlier = held ? null : await findOperation(form.idempotencyKey);
  let admission: Admission | undefined;
  if (held) return heldOutcome(held, await holderWords(form.cardholder));
  if (!earlier) {
    const holderName = await holderWords(form.cardholder);
    const gate = await admitBudgetChange({
      actor,
      kind: 'ASSIGN',
      cardId: null,
      increaseMinor: form.budgetMinor,
      currency: form.currency,
      operationKey: form.idempotencyKey,
      lease: null,
      approved: options.approved ?? null,
      hold: () => ({ summary: `assign a card to ${holderName} with a budget of ${formatMoney(form.budgetMinor, form.currency)}`, payload: toPayload(form) }),
    });
    if (gate.decision === 'wait') return heldOutcome(gate.held, holderName);
    admission = gate.admission;
  }

  const holder = await resolveCardholder(form.cardholder, form.idempotencyKey, actor.id);
  const body = toCreateApprovalInput(form, holder.user, context.mccCategories);
  let outcome: Awaited<ReturnType<typeof runApprovalOperation<'approval.create'>>>;
  try {
    outcome = await runApprovalOperation('approval.create', {
      idempotencyKey: form.idempotencyKey,
      actorId: actor.id,
      request: earlier ? (earlier.request as CreateApprovalRequest) : { body, cardholderId: holder.cardholderId },
      admission,
      existingOnly: Boolean(earlier),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION') {
      throw new AppError('VALIDATION', error.message, { fieldErrors: toFormFieldErrors(error.fieldErrors), cause: error });
    }
    throw error;
  }
  if (!outcome.cardId) throw new AppError('INTERNAL', 'The approval was created but its card could not be found.');
  await attachGrantToCard(form.idempotencyKey, outcome.cardId);
  const named = await db.cardholder.findUniqueOrThrow({ where: { id: holder.cardholderId }, select: { firstName: true, lastName: true, email: true } });
  return {
    cardId: outcome.cardId,
    approvalId: outcome.result.id,
    status: outcome.result.status,
    cardholderId: holder.cardholderId,
    holderName: holderDisplayName(named),
    fullApi: holder.fullApi,
    replayed: outcome.replayed,
    held: null,
  };
}

function heldOutcome(held: HeldChange, holderName: string): AssignOutcome {
  return { cardId: null, approvalId: null, status: 'HELD', cardholderId: null, holderName, fullApi: false, replayed: held.replayed, held };
}

export interface AssignProgress {
  approvalId: string;
  status: string;
  cardId: string | null;
  /** DELIVERED with a card: what waitForCard waits for. */
  delivered: boolean;
  /** A status from which no card will come. */
  deadEnd: boolean;
}

const DEAD_ENDS = new Set(['CANCELED', 'REJECTED', 'EXPIRED', 'FINISHED', 'REAPPROVED']);

/** One step of the Full API wait: reads the approval once and records what changed. */
export async function readAssignProgress(approvalId: string): Promise<AssignProgress> {
  // Only approvals the panel made or knows: this is not a way to import arbitrary ids.
  const known = await db.approval.findUnique({ where: { sparadosId: approvalId }, select: { id: true } });
  if (!known) throw new AppError('NOT_FOUND', 'The panel does not know this approval.');
  const approval: Approval = await getSparadosClient().getApproval(approvalId);
  await saveApprovalFromSparados(approval);
  return {
    approvalId,
    status: approval.rawStatus,
    cardId: approval.cardId,
    delivered: approval.status === 'DELIVERED' && approval.cardId !== null,
    deadEnd: DEAD_ENDS.has(approval.status),
  };
}
