// Shapes of everything the sandbox remembers. Dates are ISO strings so a snapshot is plain JSON.
import type { Channel, DeclineReason, LimitRule } from '../domain/authorization/index';

export const APPROVAL_STATUSES = [
  'CREATED',
  'ACCEPTED',
  'PREPARED',
  'DELIVERED',
  'REAPPROVED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'FINISHED',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export type CardStatus = 'ACTIVE' | 'LOCKED';

export interface ApprovalUser {
  id?: number | string;
  email?: string;
  prefix?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  nationality?: string;
}

export interface ApprovalRules {
  budgetMinor: number;
  validityPeriod: { startDate: string; endDate: string; timezone: string };
  limits: LimitRule[];
  purpose: { ecommerce: boolean; allowChangeRequest: boolean };
}

export interface ApprovalCardDetails {
  description: string | null;
  visual: { id: string } | null;
}

export interface Approval {
  id: string;
  corporationId: string;
  status: ApprovalStatus;
  origin: 'CORPORATION' | 'USER';
  parentId: string | null;
  /** The reapproval that replaced this one, once accepted. */
  replacedById: string | null;
  /** A CREATED reapproval waiting for the corporation's answer (at most one at a time). */
  pendingReapprovalId: string | null;
  cardId: number | null;
  user: ApprovalUser;
  /** Full API: the approval was made for an existing user (`user.id`). */
  fullApi: boolean;
  balance: { id: string };
  rules: ApprovalRules;
  card: ApprovalCardDetails;
  tags: Array<string | number>;
  createdAt: string;
  updatedAt: string;
  /** Sandbox-clock instant of BC_USER_CARD_EXPIRING, once sent. */
  expiringEmailAt: string | null;
  /** Real-time epoch ms when a Full API approval delivers itself. */
  autoDeliverAt: number | null;
}

export interface Card {
  id: number;
  corporationId: string;
  /** The approval that currently owns the card (follows the reapproval chain). */
  approvalId: string;
  cardAliasId: string;
  balanceId: string;
  userId: number | null;
  status: CardStatus;
  /** Taken away (unassign, finish): transactions are declined, the record stays for history. */
  removed: boolean;
  /** Counted spend against the budget, in balance currency: authorized + cleared − refunds. */
  spentMinor: number;
  pan: string;
  cvv: string;
  exp: string;
  issuerCardId: string;
  createdAt: string;
}

export interface User {
  id: number;
  corporationId: string;
  email: string;
  phoneNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationality: string;
  status: 'ACTIVE';
  createdAt: string;
  updatedAt: string;
}

export type TransactionType = 'PURCHASE' | 'WITHDRAWAL' | 'REFUND';
export type TransactionStatus = 'AUTHORIZED' | 'DECLINED' | 'CLEARED' | 'REVERSED';

export interface Transaction {
  id: string;
  type: TransactionType;
  status: TransactionStatus;
  /** Balance currency, signed: refunds negative. */
  amountMinor: number;
  currency: string;
  originalAmountMinor: number;
  originalCurrency: string;
  merchantName: string;
  mcc: string;
  merchantCountry: string;
  channel: Channel;
  foreign: boolean;
  cardId: number;
  cardLast4Digits: string;
  balanceId: string;
  approvalId: string;
  userId: number | null;
  corporationId: string;
  declineReason: DeclineReason | null;
  createdAt: string;
  updatedAt: string;
}

export interface BalanceState {
  id: string;
  corporationId: string;
  cardAliasId: string;
  currency: string;
  availableMinor: number;
  blockedMinor: number;
  updatedAt: string;
}

export type DeliveryKind = 'transaction' | '3ds-otp' | 'wallet';

export interface DeliveryAttempt {
  kind: DeliveryKind;
  url: string;
  body: unknown;
  attempt: number;
  status: number | null;
  error: string | null;
  at: string;
}

export interface PendingDelivery {
  id: string;
  kind: DeliveryKind;
  url: string;
  body: unknown;
  /** Attempts made so far. */
  attempts: number;
  /** Real-time epoch ms of the next attempt. */
  nextAt: number;
}

export interface EmailRecord {
  template: string;
  approvalId: string;
  to: string | null;
  at: string;
}

export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  status: number;
  body: unknown;
  storedAt: number;
}

export interface Counters {
  nextUserId: number;
  nextCardId: number;
}

export interface SandboxState {
  version: 1;
  clockOffsetMs: number;
  counters: Counters;
  approvals: Approval[];
  cards: Card[];
  users: User[];
  transactions: Transaction[];
  balances: BalanceState[];
  deliveries: DeliveryAttempt[];
  pendingDeliveries: PendingDelivery[];
  emails: EmailRecord[];
  idempotency: IdempotencyRecord[];
}
