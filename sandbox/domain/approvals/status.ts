// Statuses and actions of API-REFERENCE §3 (from the seeds), as data.
import type { Approval, ApprovalStatus, Card } from '../../store/types';

export const CORPORATION_ACTIONS = ['accept', 'reject', 'edit', 'cancel', 'lock', 'unlock', 'unassign', 'increase_budget'] as const;
export type CorporationAction = (typeof CORPORATION_ACTIONS)[number];

/** Where an approval stands for the purpose of actions: its status, or LOCKED for a DELIVERED approval whose card is locked. */
export type ActionState = ApprovalStatus | 'LOCKED';

// Seeds: "Delivered: Lock, Unassign, Edit · Locked: Unlock"; increase_budget is documented on delivered cards.
// Decision (docs/decisions/011): a locked card allows only unlock, as the seeds' list reads.
export const ACTIONS_BY_STATE = {
  CREATED: ['accept', 'reject', 'edit', 'cancel'],
  ACCEPTED: ['cancel'],
  PREPARED: ['cancel'],
  DELIVERED: ['lock', 'unassign', 'edit', 'increase_budget'],
  LOCKED: ['unlock'],
  REAPPROVED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
  FINISHED: [],
} as const satisfies Record<ActionState, readonly CorporationAction[]>;

export const TERMINAL_STATUSES: ReadonlySet<ApprovalStatus> = new Set(['REAPPROVED', 'CANCELED', 'REJECTED', 'EXPIRED', 'FINISHED']);

export function actionState(approval: Approval, card: Card | undefined): ActionState {
  if (approval.status === 'DELIVERED' && card?.status === 'LOCKED') return 'LOCKED';
  return approval.status;
}

export function isAllowed(state: ActionState, action: CorporationAction): boolean {
  return (ACTIONS_BY_STATE[state] as readonly CorporationAction[]).includes(action);
}
