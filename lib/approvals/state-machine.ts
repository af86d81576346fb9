// The seeds' approval lifecycle (API-REFERENCE §3) as data: which actions each status allows, how
// statuses look as badges, and the diagram the card page draws. The server enforces the same table
// it renders (lib/approvals/actions.ts refuses with INVALID_STATE), so buttons and rules cannot drift.
// Client-safe: no server imports.

import type { Permission } from '@/lib/auth/permissions';
// The schema file itself (zod only): '@/lib/sparados' is server-only and this module is client-safe.
import { APPROVAL_STATUSES as SPARADOS_APPROVAL_STATUSES, CARD_STATUSES, type CardStatus } from '@/lib/sparados/schemas/approvals';

/** How a status reads at a glance; the UI's badge tones are these names (domain code imports no UI). */
export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** Sparados' statuses, plus UNKNOWN for one the panel does not know yet (kept raw, allows nothing). */
export const APPROVAL_STATUSES = [...SPARADOS_APPROVAL_STATUSES, 'UNKNOWN'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export { CARD_STATUSES, type CardStatus };

export const APPROVAL_ACTIONS = ['accept', 'reject', 'edit', 'cancel', 'lock', 'unlock', 'unassign', 'changeBudget'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** Seeds: "CREATED → accept, reject, edit, cancel · ACCEPTED, PREPARED → cancel · DELIVERED → lock, unassign, edit, increase_budget". */
export const ACTIONS_BY_STATUS = {
  CREATED: ['accept', 'reject', 'edit', 'cancel'],
  ACCEPTED: ['cancel'],
  PREPARED: ['cancel'],
  DELIVERED: ['lock', 'unassign', 'edit', 'changeBudget'],
  REAPPROVED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
  FINISHED: [],
  // A status this panel does not know yet: offer nothing rather than guess.
  UNKNOWN: [],
} as const satisfies Record<ApprovalStatus, readonly ApprovalAction[]>;

/** Seeds: "card LOCKED → unlock", and nothing else (the sandbox refuses the rest with 409). */
export const ACTIONS_WHEN_LOCKED = ['unlock'] as const satisfies readonly ApprovalAction[];

export const FINAL_STATUSES: ReadonlySet<ApprovalStatus> = new Set(['REAPPROVED', 'CANCELED', 'REJECTED', 'EXPIRED', 'FINISHED']);

/** Statuses sync keeps refreshing: anything that may still change upstream. */
export function isFinal(status: ApprovalStatus): boolean {
  return FINAL_STATUSES.has(status);
}

export function isApprovalStatus(value: unknown): value is ApprovalStatus {
  return typeof value === 'string' && (APPROVAL_STATUSES as readonly string[]).includes(value);
}

/** A DELIVERED approval whose card is locked behaves as its own state. */
export function isLocked(status: ApprovalStatus, cardStatus: string | null | undefined): boolean {
  return status === 'DELIVERED' && cardStatus === 'LOCKED';
}

/** The seeds never define `cardStatus` in an answer: on a DELIVERED approval it may be missing. */
export function isCardStatusUnknown(status: ApprovalStatus, cardStatus: string | null | undefined): boolean {
  return status === 'DELIVERED' && cardStatusOf(cardStatus) === null;
}

/** DELIVERED with the card status unknown: lock and unlock are both offered; Sparados refuses the wrong one (409). */
const ACTIONS_WHEN_CARD_UNKNOWN = [...ACTIONS_BY_STATUS.DELIVERED, 'unlock'] as const satisfies readonly ApprovalAction[];

export function allowedActions(status: ApprovalStatus, cardStatus?: string | null): readonly ApprovalAction[] {
  if (isLocked(status, cardStatus)) return ACTIONS_WHEN_LOCKED;
  return isCardStatusUnknown(status, cardStatus) ? ACTIONS_WHEN_CARD_UNKNOWN : ACTIONS_BY_STATUS[status];
}

export function isActionAllowed(action: ApprovalAction, status: ApprovalStatus, cardStatus?: string | null): boolean {
  return allowedActions(status, cardStatus).includes(action);
}

/** Who may do each action (lib/auth/permissions.ts). */
export const ACTION_PERMISSIONS = {
  accept: 'requests.decide',
  reject: 'requests.decide',
  edit: 'cards.assign',
  cancel: 'cards.takeback',
  lock: 'cards.lock',
  unlock: 'cards.unlock',
  unassign: 'cards.takeback',
  changeBudget: 'cards.topup',
} as const satisfies Record<ApprovalAction, Permission>;

export const ACTION_LABELS = {
  accept: 'Accept request',
  reject: 'Reject request',
  edit: 'Edit rules',
  cancel: 'Cancel',
  lock: 'Lock card',
  unlock: 'Unlock card',
  unassign: 'Unassign',
  changeBudget: 'Change budget',
} as const satisfies Record<ApprovalAction, string>;

/** Actions that cannot be undone: the UI asks for confirmation and says so. */
export const IRREVERSIBLE_ACTIONS: ReadonlySet<ApprovalAction> = new Set(['cancel', 'unassign', 'reject']);

export const STATUS_LABELS = {
  CREATED: 'Change requested',
  ACCEPTED: 'Waiting for redemption',
  PREPARED: 'Redeemed, starts later',
  DELIVERED: 'Active',
  REAPPROVED: 'Replaced',
  CANCELED: 'Cancelled',
  REJECTED: 'Rejected',
  EXPIRED: 'Expired',
  FINISHED: 'Finished',
  UNKNOWN: 'Unknown status',
} as const satisfies Record<ApprovalStatus, string>;

export const STATUS_TONES = {
  CREATED: 'warning',
  ACCEPTED: 'info',
  PREPARED: 'info',
  DELIVERED: 'success',
  REAPPROVED: 'neutral',
  CANCELED: 'neutral',
  REJECTED: 'danger',
  EXPIRED: 'neutral',
  FINISHED: 'neutral',
  UNKNOWN: 'warning',
} as const satisfies Record<ApprovalStatus, StatusTone>;

export const CARD_STATUS_LABELS = { ACTIVE: 'Card active', LOCKED: 'Card locked' } as const satisfies Record<CardStatus, string>;
export const CARD_STATUS_TONES = { ACTIVE: 'success', LOCKED: 'danger' } as const satisfies Record<CardStatus, StatusTone>;

export function cardStatusOf(value: string | null | undefined): CardStatus | null {
  return value === 'ACTIVE' || value === 'LOCKED' ? value : null;
}

// ---- the diagram (card page) ----

export type DiagramNodeId = Exclude<ApprovalStatus, 'UNKNOWN'> | 'LOCKED';

export interface DiagramNode {
  id: DiagramNodeId;
  label: string;
  /** Grid position: column (0 = left) and row (0 = top). */
  column: number;
  row: number;
  kind: 'start' | 'live' | 'final' | 'card';
}

export interface DiagramEdge {
  from: DiagramNodeId;
  to: DiagramNodeId;
  /** What moves it: a corporation action, the end user, or time. */
  label: string;
  by: 'corporation' | 'user' | 'time';
}

export const DIAGRAM_NODES = [
  { id: 'ACCEPTED', label: 'Accepted', column: 0, row: 1, kind: 'start' },
  { id: 'PREPARED', label: 'Prepared', column: 1, row: 0, kind: 'live' },
  { id: 'DELIVERED', label: 'Delivered', column: 2, row: 1, kind: 'live' },
  { id: 'LOCKED', label: 'Card locked', column: 3, row: 0, kind: 'card' },
  { id: 'CREATED', label: 'Change requested', column: 3, row: 2, kind: 'start' },
  { id: 'CANCELED', label: 'Cancelled', column: 1, row: 3, kind: 'final' },
  { id: 'EXPIRED', label: 'Expired', column: 0, row: 3, kind: 'final' },
  { id: 'FINISHED', label: 'Finished', column: 2, row: 3, kind: 'final' },
  { id: 'REAPPROVED', label: 'Replaced', column: 4, row: 1, kind: 'final' },
  { id: 'REJECTED', label: 'Rejected', column: 4, row: 3, kind: 'final' },
] as const satisfies readonly DiagramNode[];

export const DIAGRAM_EDGES = [
  { from: 'ACCEPTED', to: 'PREPARED', label: 'redeemed before start', by: 'user' },
  { from: 'ACCEPTED', to: 'DELIVERED', label: 'redeemed', by: 'user' },
  { from: 'PREPARED', to: 'DELIVERED', label: 'start date', by: 'time' },
  { from: 'ACCEPTED', to: 'CANCELED', label: 'cancel', by: 'corporation' },
  { from: 'PREPARED', to: 'CANCELED', label: 'cancel', by: 'corporation' },
  { from: 'ACCEPTED', to: 'EXPIRED', label: 'end date, not redeemed', by: 'time' },
  { from: 'DELIVERED', to: 'LOCKED', label: 'lock', by: 'corporation' },
  { from: 'LOCKED', to: 'DELIVERED', label: 'unlock', by: 'corporation' },
  { from: 'DELIVERED', to: 'FINISHED', label: 'end date or unassign', by: 'time' },
  { from: 'CREATED', to: 'DELIVERED', label: 'accepted: takes over the card', by: 'corporation' },
  { from: 'DELIVERED', to: 'REAPPROVED', label: 'replaced by an accepted change', by: 'corporation' },
  { from: 'CREATED', to: 'REJECTED', label: 'reject', by: 'corporation' },
  { from: 'CREATED', to: 'CANCELED', label: 'cancel', by: 'corporation' },
  { from: 'CREATED', to: 'EXPIRED', label: 'left unanswered', by: 'time' },
] as const satisfies readonly DiagramEdge[];

/** The node to highlight for an approval (LOCKED for a delivered card that is locked). */
export function diagramNodeOf(status: ApprovalStatus, cardStatus?: string | null): DiagramNodeId | null {
  if (status === 'UNKNOWN') return null;
  return isLocked(status, cardStatus) ? 'LOCKED' : status;
}
