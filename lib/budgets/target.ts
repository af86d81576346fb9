import 'server-only';
import { findAccount } from '@/lib/accounts/queries';
import { isApprovalStatus, isActionAllowed, isLocked, STATUS_LABELS, type ApprovalStatus } from '@/lib/approvals/state-machine';
import { saveApprovalFromSparados } from '@/lib/approvals/store';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getSparadosClient, isSparadosError, toAppError, type Approval } from '@/lib/sparados';
import { approvalFigures } from '@/lib/sparados/domain/approval';
import { cardLabel } from './card-label';
import type { BudgetFigures } from './math';

// The card a budget change acts on, with its figures as Sparados has them now: budget rules are
// judged against a fresh read (another admin, a payment or sync may have moved them since the page
// was drawn), never against the copy the page showed.

export interface BudgetTarget extends BudgetFigures {
  cardId: string;
  sparadosId: string;
  status: ApprovalStatus;
  cardStatus: string | null;
  currency: string | null;
  /** "card 'Travel – J. Smith'", for audit sentences and result rows. */
  label: string;
}

export async function cardLabelOf(cardId: string): Promise<string> {
  const card = await db.card.findUnique({ where: { id: cardId }, select: { description: true, cardholder: { select: { firstName: true, lastName: true, email: true } } } });
  return card ? cardLabel({ description: card.description, holder: card.cardholder }) : 'an unknown card';
}

export function figuresOf(approval: Pick<Approval, 'budgetMinor' | 'spentMinor' | 'availableBudgetMinor'>): BudgetFigures {
  return approvalFigures(approval);
}

/**
 * Reads the approval fresh from Sparados and saves it. `approvalId` is the one the admin saw (it must
 * still belong to the card); null means the card's current approval (a four-eyes approval given
 * later acts on whatever the card has become).
 */
export async function readBudgetTarget(cardId: string, approvalId: string | null): Promise<BudgetTarget> {
  const row = approvalId
    ? await db.approval.findUnique({ where: { sparadosId: approvalId }, select: { cardId: true, sparadosId: true } })
    : ((await db.card.findUnique({ where: { id: cardId }, select: { currentApproval: { select: { cardId: true, sparadosId: true } } } }))?.currentApproval ?? null);
  if (!row || row.cardId !== cardId) throw new AppError('NOT_FOUND', 'This card or approval no longer exists. Reload the page.');
  let fresh: Approval;
  try {
    fresh = await getSparadosClient().getApproval(row.sparadosId);
  } catch (error) {
    // Nothing was sent yet: an unreachable Sparados is a plain "try again".
    throw isSparadosError(error) ? toAppError(error) : error;
  }
  await saveApprovalFromSparados(fresh, { cardId });
  const account = fresh.cardAliasId ? await findAccount(fresh.cardAliasId) : null;
  return {
    cardId,
    sparadosId: fresh.id,
    status: isApprovalStatus(fresh.status) ? fresh.status : 'UNKNOWN',
    cardStatus: fresh.cardStatus,
    currency: account?.currency ?? null,
    label: await cardLabelOf(cardId),
    ...figuresOf(fresh),
  };
}

/** Budget changes follow the state machine's table: DELIVERED and not locked. */
export function assertBudgetChangeAllowed(target: BudgetTarget): void {
  if (isActionAllowed('changeBudget', target.status, target.cardStatus)) return;
  const state = isLocked(target.status, target.cardStatus) ? 'the card is locked' : `the approval is ${STATUS_LABELS[target.status].toLowerCase()}`;
  throw new AppError('INVALID_STATE', `The budget cannot be changed now: ${state}.`);
}
