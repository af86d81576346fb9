import { z } from 'zod';
import { flexibleId, isoInstant, minorUnits, nullish, pageOf } from './common';

// Transaction History API (THC), API-REFERENCE §6. A transaction is unique by id AND type
// (a REFUND reuses its PURCHASE's id); REFUND and PAYMENT amounts are negative.

export const TRANSACTION_TYPES = ['PURCHASE', 'REFUND', 'PAYMENT', 'WITHDRAWAL', 'FEE'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const TRANSACTION_STATUSES = ['AUTHORIZED', 'DECLINED', 'REVERSED', 'CLEARED'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const listTransactionsQuerySchema = z.object({
  page: z.number().int().nonnegative().optional(),
  size: z.number().int().min(1).max(1000).optional(),
  dateFrom: z.iso.datetime({ offset: true }).optional(),
  dateTo: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(TRANSACTION_STATUSES).optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  cardId: z.union([z.string().min(1), z.number().int()]).optional(),
});
export type ListTransactionsQuery = z.infer<typeof listTransactionsQuerySchema>;

export const transactionWireSchema = z.looseObject({
  id: flexibleId,
  // Raw on the wire: the THC type list is open ("PURCHASE|REFUND|…") and the raw type is part of the identity.
  type: z.string(),
  status: z.string(),
  amountMinor: minorUnits,
  currency: z.string(),
  originalAmountMinor: nullish(minorUnits),
  originalCurrency: nullish(z.string()),
  merchantName: nullish(z.string()),
  mcc: nullish(z.union([z.string(), z.number().int()]).transform(String)),
  merchantCountry: nullish(z.string()),
  cardId: nullish(flexibleId),
  cardLast4Digits: nullish(z.string()),
  balanceId: nullish(flexibleId),
  approvalId: nullish(flexibleId),
  userId: nullish(flexibleId),
  // Free text on purpose: decline reasons are not a closed list anywhere in the docs.
  declineReason: nullish(z.string()),
  createdAt: isoInstant,
  updatedAt: nullish(isoInstant),
});
export type TransactionWire = z.infer<typeof transactionWireSchema>;

export const transactionPageWireSchema = pageOf(transactionWireSchema);
