import type { VerifyOutcome } from './call';
import { validityFromWire } from './endpoints';
import type { Approval } from './domain/approval';
import type { ApprovalStatus, CreateApprovalInput, EditApprovalInput } from './schemas/approvals';

// "Was my write applied?" answered from a fresh read, as pure functions. The transport calls them
// after a write whose outcome is unknown (timeout after sending, 5xx, connection reset) and resends
// only when the read shows the write did not happen.

export type ApprovalAction = 'cancelApproval' | 'unassignApproval' | 'acceptReapproval' | 'rejectReapproval' | 'lockCard' | 'unlockCard';

interface ActionEffect {
  /** The state the action leads to. */
  done: (a: Approval) => boolean;
  /** States in which the action is still to be done. */
  pending: (a: Approval) => boolean;
}

const status = (...statuses: ApprovalStatus[]) => (a: Approval) => (statuses as string[]).includes(a.status);
const delivered = (cardStatus: 'ACTIVE' | 'LOCKED') => (a: Approval) => a.status === 'DELIVERED' && a.cardStatus === cardStatus;

export const ACTION_EFFECTS = {
  cancelApproval: { done: status('CANCELED'), pending: status('CREATED', 'ACCEPTED', 'PREPARED') },
  // Decision (API-REFERENCE §3): unassigning a DELIVERED approval finishes it.
  unassignApproval: { done: status('FINISHED'), pending: status('DELIVERED') },
  acceptReapproval: { done: status('DELIVERED'), pending: status('CREATED') },
  rejectReapproval: { done: status('REJECTED'), pending: status('CREATED') },
  lockCard: { done: delivered('LOCKED'), pending: delivered('ACTIVE') },
  unlockCard: { done: delivered('ACTIVE'), pending: delivered('LOCKED') },
} as const satisfies Record<ApprovalAction, ActionEffect>;

export function actionOutcome(action: ApprovalAction, current: Approval): VerifyOutcome<Approval> {
  const effect = ACTION_EFFECTS[action];
  if (effect.done(current)) return { applied: true, result: current };
  if (effect.pending(current)) return { applied: false };
  return { applied: 'unknown', reason: `approval ${current.id} is ${current.status}${current.cardStatus ? `/${current.cardStatus}` : ''}` };
}

/** A top-up moved the budget by exactly its amount, or not at all; anything else means someone else changed it too. */
export function budgetOutcome(budgetBefore: number, amountMinor: number, current: Approval): VerifyOutcome<Approval> {
  if (current.budgetMinor === budgetBefore + amountMinor) return { applied: true, result: current };
  if (current.budgetMinor === budgetBefore) return { applied: false };
  return {
    applied: 'unknown',
    reason: `budget of ${current.id} went from ${budgetBefore} to ${current.budgetMinor}, expected ${budgetBefore} or ${budgetBefore + amountMinor}`,
  };
}


/** Whether an approval carries the rules, card and tags of an edit (or create) request. */
export function matchesRequest(approval: Approval, input: EditApprovalInput): boolean {
  const rules = input.rules;
  if (approval.budgetMinor !== rules.budgetMinor) return false;
  const wanted = validityFromWire(rules.validityPeriod);
  if (approval.validity.startDate.getTime() !== wanted.startDate.getTime()) return false;
  if (approval.validity.endDate.getTime() !== wanted.endDate.getTime()) return false;
  if ((rules.purpose.allowChangeRequest ?? false) !== approval.allowChangeRequest) return false;
  const wantedLimits = (rules.limits ?? []).map((l) => limitKey(l.type, l.amountMinor ?? null, l.timeUnit ?? null, l.mccList ?? [])).sort();
  const actual = approval.limits.map((l) => limitKey(l.type, l.amountMinor, l.timeUnit, l.mccList)).sort();
  if (wantedLimits.join('|') !== actual.join('|')) return false;
  if (input.card?.description !== undefined && (input.card.description ?? null) !== approval.card.description) return false;
  if (input.card?.visual !== undefined && (input.card.visual?.id ?? null) !== approval.card.visualId) return false;
  return true;
}

function limitKey(type: string, amountMinor: number | null, timeUnit: string | null, mccList: string[]): string {
  // MCC rules ignore amount and unit (API-REFERENCE §3 decision), so they do not take part in the match.
  if (type === 'mcc_whitelist' || type === 'mcc_blacklist') return `${type}:${[...mccList].sort().join(',')}`;
  return `${type}:${amountMinor ?? 'null'}:${timeUnit ?? ''}`;
}

/** Clock skew tolerated between this server and Sparados when looking for "our" new approval. */
export const CREATE_LOOKBACK_MS = 5 * 60_000;

/** Whether `approval` is the one a create request made (same person, balance and rules, created since the first attempt). */
export function matchesCreateRequest(approval: Approval, input: CreateApprovalInput, firstAttemptAt: Date): boolean {
  if (approval.createdAt && approval.createdAt.getTime() < firstAttemptAt.getTime() - CREATE_LOOKBACK_MS) return false;
  if (approval.parentId !== null) return false;
  if (approval.cardAliasId !== input.balance.id) return false;
  const user = input.user;
  if ('id' in user) {
    if (approval.user.id !== String(user.id)) return false;
  } else if (approval.user.email?.toLowerCase() !== user.email.toLowerCase() || approval.user.phone !== user.phone || approval.user.prefix !== user.prefix) {
    return false;
  }
  return matchesRequest(approval, input);
}

/**
 * The states a just-created approval can be in, in the order it moves through them: an approval made
 * by the corporation starts ACCEPTED, is PREPARED once redeemed, DELIVERED once its card exists (the
 * Full API flow goes ACCEPTED → DELIVERED by itself within seconds). Scanning them in this order
 * cannot miss an approval that moves on during the scan: it is either still where the scan is, or
 * already in a list scanned later.
 */
export const CREATE_SCAN_STATUSES = ['ACCEPTED', 'PREPARED', 'DELIVERED'] as const satisfies readonly ApprovalStatus[];

/** What a verification scan saw: the matching approvals, and whether it read every page it covers. */
export interface ScanResult {
  found: Approval[];
  /** False when the scan stopped at its page cap with pages left unread. */
  complete: boolean;
  scanned: number;
}

/**
 * "Did my create happen?" from a scan: one match is it; none is "not applied" only when the scan saw
 * every candidate. A capped scan that found nothing proves nothing (the approval may be on a page it
 * did not read), so resending could make a second card: the answer is unknown.
 */
export function createOutcome(scan: ScanResult): VerifyOutcome<Approval> {
  if (scan.found.length === 1) return { applied: true, result: scan.found[0] };
  if (scan.found.length > 1) return { applied: 'unknown', reason: `${scan.found.length} identical approvals were created since the first attempt` };
  if (scan.complete) return { applied: false };
  return {
    applied: 'unknown',
    reason: `no matching approval among the ${scan.scanned} newest ${CREATE_SCAN_STATUSES.join('/')} approvals read, and the lists go on beyond the scan limit`,
  };
}
