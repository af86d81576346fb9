import 'server-only';

export { createSparadosClient, getSparadosClient, type SparadosClient, type SparadosClientOptions } from './client';
export type { CallOptions } from './call';
export { SparadosError, isSparadosError, type SparadosErrorKind, type FieldError } from './errors';
export { getSparadosConfig, getResolvedSparadosConfig, SparadosConfigError, type SparadosConfig } from './config';
export { closeSparadosAgents } from './dispatcher';
export { toAppError } from './app-error';
export type { Approval, ApprovalLimit, ApprovalUser } from './domain/approval';
export { hasDeliveredCard } from './domain/approval';
export type { Transaction } from './domain/transaction';
export { transactionKey } from './domain/transaction';
export type { Balance } from './domain/balance';
export type { SparadosUser } from './domain/user';
export type { Page } from './domain/page';
export type { EncryptedCardData } from './calls/cards';
export { UNKNOWN, isKnown, type Tolerant } from './schemas/common';
export {
  APPROVAL_STATUSES,
  CARD_STATUSES,
  LIMIT_TYPES,
  TIME_UNITS,
  type ApprovalStatus,
  type CardStatus,
  type LimitType,
  type TimeUnit,
  type CreateApprovalInput,
  type EditApprovalInput,
  type ListApprovalsQuery,
} from './schemas/approvals';
export { TRANSACTION_STATUSES, TRANSACTION_TYPES, type TransactionStatus, type TransactionType, type ListTransactionsQuery } from './schemas/transactions';
export type { CreateUserInput, UpdateUserInput } from './schemas/users';
export type { WaitForCardOptions } from './wait-for-card';
