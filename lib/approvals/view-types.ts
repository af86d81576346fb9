import type { ApprovalStatus } from './state-machine';

// What the cards list and the card page receive: plain JSON (money as decimal strings of minor
// units, dates as ISO strings), so the same objects come from a server render and from polling.

export interface CardListRow {
  id: string;
  holder: { id: string; name: string; email: string; phone: string };
  description: string | null;
  approvalId: string | null;
  status: ApprovalStatus | null;
  cardStatus: string | null;
  currency: string | null;
  budgetMinor: string | null;
  spentMinor: string | null;
  availableMinor: string | null;
  startDate: string | null;
  endDate: string | null;
  timezone: string | null;
  tags: string[];
  lastActivityAt: string;
  /** A change request (CREATED reapproval) waits for an answer. */
  pendingRequest: boolean;
  /** A change of this card was held by the budget policy and waits for a second approver. */
  awaitingSecondApprover: boolean;
}

export interface CardListPage {
  rows: CardListRow[];
  /** Cursor of the next page (older / further), null on the last page. */
  next: string | null;
  /** Cursor of the previous page, null on the first page. */
  prev: string | null;
  total: number;
  generatedAt: string;
}

export interface ApprovalView {
  id: string;
  sparadosId: string;
  parentSparadosId: string | null;
  status: ApprovalStatus;
  statusRaw: string;
  cardStatus: string | null;
  sparadosCardId: string | null;
  origin: string | null;
  budgetMinor: string;
  /** null: Sparados did not report it (shown as unknown). */
  spentMinor: string | null;
  availableMinor: string | null;
  startDate: string;
  endDate: string;
  timezone: string;
  allowChangeRequest: boolean;
  tags: string[];
  limitsInWords: string[];
  createdAt: string;
  lastSyncedAt: string;
  isCurrent: boolean;
}

export interface TimelineEntry {
  id: string;
  at: string;
  /** code, wallet, undelivered: one-time codes and wallet messages (lib/webhooks/card-events.ts). */
  kind: 'action' | 'sync' | 'email' | 'refused' | 'code' | 'wallet' | 'undelivered';
  /** Who: an admin's name, "Sparados sync", the e-mail recipient, or the channel or wallet. */
  actor: string;
  summary: string;
}

export interface CardDetail {
  id: string;
  description: string | null;
  holder: { id: string; name: string; email: string; phone: string; sparadosUserId: string | null };
  currency: string | null;
  accountName: string | null;
  current: ApprovalView | null;
  /** Every approval of the card, oldest first: the reapproval chain and any change requests. */
  chain: ApprovalView[];
  /** CREATED reapprovals waiting beside the current approval. */
  pendingRequests: ApprovalView[];
  /** Writes Sparados has not confirmed yet and four-eyes budget changes (issue 6). */
  inFlight: import('@/lib/requests/view-types').CardInFlight;
  timeline: TimelineEntry[];
  /** Edit form starting values for the current approval (null when it cannot be edited). */
  editDefaults: {
    budget: string;
    startDate: string;
    endDate: string;
    timezone: string;
    limits: import('./limits').LimitsFormValue;
    mcc: { mode: import('./mcc').MccMode; categories: string[]; codes: string };
    visualId: string;
    description: string;
    tags: string[];
    allowChangeRequest: boolean;
  } | null;
  generatedAt: string;
}
