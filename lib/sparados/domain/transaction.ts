import { toTolerant, type Tolerant } from '../schemas/common';
import {
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES,
  type TransactionStatus,
  type TransactionType,
  type TransactionWire,
} from '../schemas/transactions';
import { unknownFields } from './unknown-fields';

export interface Transaction {
  id: string;
  type: Tolerant<TransactionType>;
  /** The type as sent: part of the identity and what getTransaction needs, also for types this client does not know. */
  rawType: string;
  status: Tolerant<TransactionStatus>;
  rawStatus: string;
  /** Signed, in `currency` (REFUND and PAYMENT are negative). */
  amountMinor: number;
  currency: string;
  originalAmountMinor: number | null;
  originalCurrency: string | null;
  merchantName: string | null;
  mcc: string | null;
  merchantCountry: string | null;
  cardId: string | null;
  cardLast4Digits: string | null;
  balanceId: string | null;
  approvalId: string | null;
  userId: string | null;
  declineReason: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  extra: Record<string, unknown>;
}

const KNOWN_TRANSACTION_FIELDS = [
  'id', 'type', 'status', 'amountMinor', 'currency', 'originalAmountMinor', 'originalCurrency', 'merchantName', 'mcc',
  'merchantCountry', 'cardId', 'cardLast4Digits', 'balanceId', 'approvalId', 'userId', 'declineReason', 'createdAt', 'updatedAt',
] as const;

export function toTransaction(wire: TransactionWire): Transaction {
  return {
    id: wire.id,
    type: toTolerant('TransactionType', TRANSACTION_TYPES, wire.type),
    rawType: wire.type,
    status: toTolerant('TransactionStatus', TRANSACTION_STATUSES, wire.status),
    rawStatus: wire.status,
    amountMinor: wire.amountMinor,
    currency: wire.currency,
    originalAmountMinor: wire.originalAmountMinor ?? null,
    originalCurrency: wire.originalCurrency ?? null,
    merchantName: wire.merchantName ?? null,
    mcc: wire.mcc ?? null,
    merchantCountry: wire.merchantCountry ?? null,
    cardId: wire.cardId ?? null,
    cardLast4Digits: wire.cardLast4Digits ?? null,
    balanceId: wire.balanceId ?? null,
    approvalId: wire.approvalId ?? null,
    userId: wire.userId ?? null,
    declineReason: wire.declineReason ?? null,
    createdAt: new Date(wire.createdAt),
    updatedAt: wire.updatedAt ? new Date(wire.updatedAt) : null,
    extra: unknownFields(wire, KNOWN_TRANSACTION_FIELDS),
  };
}

/** THC identity: the id alone is not unique because a REFUND reuses its PURCHASE's id. */
export function transactionKey(t: Pick<Transaction, 'id' | 'rawType'>): string {
  return `${t.id}:${t.rawType}`;
}
