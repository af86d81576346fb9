import 'server-only';
import { db } from '@/lib/db';
import { holderDisplayName } from '@/lib/budgets/card-label';
import { AppError } from '@/lib/errors';
import { runCardholderOperation } from '@/lib/cardholders/operations';
import { cardholderForSparadosUser, upsertCardholder } from '@/lib/cardholders/store';
import { getSparadosClient, isSparadosError, type Approval } from '@/lib/sparados';
import { toCreateApprovalInput, type ApprovalUserInput } from './assign-input';
import { loadAssignContext, type AssignServerContext } from './assign-context';
import { checkAssignContext, type AssignForm, type CardholderChoice } from './assign-schema';
import { deriveKey } from './idempotency-keys';
import { runApprovalOperation } from './operations';
import { toFormFieldErrors } from './sparados-fields';
import { saveApprovalFromSparados } from './store';

// Assigning a card (issue 5 item 4): find or make the cardholder (and, on the Full API, the
// Sparados user), then create the approval through the write-intent pattern with the form's key.
// The same key on a double click, a retry or a CSV re-run returns the first result: one approval.

export interface AssignOutcome {
  cardId: string;
  /** The Sparados approval id. */
  approvalId: string;
  status: string;
  cardholderId: string;
  /** The cardholder's name (or e-mail) as the audit sentence gives it. */
  holderName: string;
  /** Full API: the card appears by itself shortly; the page polls for it. */
  fullApi: boolean;
  /** True when this key had already assigned the card: nothing new was created. */
  replayed: boolean;
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
      if (holder.sparadosUserId) return { cardholderId: holder.id, user: { kind: 'full', userId: holder.sparadosUserId }, fullApi: true };
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

export async function assignCard(form: AssignForm, options: { actorId: string | null; context?: AssignServerContext }): Promise<AssignOutcome> {
  const context = options.context ?? (await loadAssignContext());
  const contextErrors = checkAssignContext(form, context);
  if (Object.keys(contextErrors).length > 0) throw new AppError('VALIDATION', undefined, { fieldErrors: contextErrors });

  const holder = await resolveCardholder(form.cardholder, form.idempotencyKey, options.actorId);
  const body = toCreateApprovalInput(form, holder.user, context.mccCategories);
  let outcome: Awaited<ReturnType<typeof runApprovalOperation<'approval.create'>>>;
  try {
    outcome = await runApprovalOperation('approval.create', {
      idempotencyKey: form.idempotencyKey,
      actorId: options.actorId,
      request: { body, cardholderId: holder.cardholderId },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION') {
      throw new AppError('VALIDATION', error.message, { fieldErrors: toFormFieldErrors(error.fieldErrors), cause: error });
    }
    throw error;
  }
  if (!outcome.cardId) throw new AppError('INTERNAL', 'The approval was created but its card could not be found.');
  const named = await db.cardholder.findUniqueOrThrow({ where: { id: holder.cardholderId }, select: { firstName: true, lastName: true, email: true } });
  return {
    cardId: outcome.cardId,
    approvalId: outcome.result.id,
    status: outcome.result.status,
    cardholderId: holder.cardholderId,
    holderName: holderDisplayName(named),
    fullApi: holder.fullApi,
    replayed: outcome.replayed,
  };
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
