// The card network side (control API) and the Transaction History API (THC) over one transaction log.
import { z } from 'zod';
import type { SandboxCore } from '../core';
import { ApiError, notAllowed, notFound, validationError, type FieldError } from '../http/errors';
import type { Card, Transaction, TransactionStatus, TransactionType } from '../store/types';
import { authorize, type AuthorizationContext, type SpendRecord } from './authorization/index';
import { isSupportedCurrency, toBalanceCurrency } from './fx';
import { last4 } from './cards';
import { newUuid } from './ids';
import { enumListParam, parsePageRequest, throwIfAny, toPage } from './pages';
import { mccCode, minorAmount, parseOrThrow } from './validation';

// Every type API-REFERENCE §6 documents is a valid filter and lookup type, although the sandbox only
// ever produces PURCHASE, WITHDRAWAL and REFUND: asking for PAYMENT or FEE finds nothing (an empty
// page, a 404), as on an account that has none; only a type Sparados does not have is a 400.
const TRANSACTION_TYPES = ['PURCHASE', 'REFUND', 'PAYMENT', 'WITHDRAWAL', 'FEE'] as const satisfies readonly (TransactionType | 'PAYMENT' | 'FEE')[];
const isProducedType = (type: string): type is TransactionType => type === 'PURCHASE' || type === 'WITHDRAWAL' || type === 'REFUND';
const TRANSACTION_STATUSES = ['AUTHORIZED', 'DECLINED', 'CLEARED', 'REVERSED'] as const satisfies readonly TransactionStatus[];

const authorizationSchema = z.object(
  {
    cardId: z.union([z.int().positive(), z.string().regex(/^\d+$/)], { error: 'must be a card id' }).transform(Number),
    amountMinor: minorAmount().positive('must be positive'),
    currency: z
      .string({ error: 'must be a currency code' })
      .refine(isSupportedCurrency, 'is not a currency the sandbox has a rate for')
      .optional(),
    merchantName: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(100),
    mcc: mccCode(),
    channel: z.enum(['POS', 'ECOMMERCE', 'ATM'], { error: 'must be POS, ECOMMERCE or ATM' }),
    country: z.string({ error: 'must be a string' }).regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code').optional(),
  },
  { error: 'must be a JSON object' },
);

/** Spend that counts against budget and limits: AUTHORIZED or CLEARED debits, plus refunds (negative). */
function spendHistory(core: SandboxCore, card: Card): SpendRecord[] {
  const history: SpendRecord[] = [];
  for (const t of core.store.cardTransactions(card.id)) {
    const counts = t.type === 'REFUND' ? t.status !== 'DECLINED' && t.status !== 'REVERSED' : t.status === 'AUTHORIZED' || t.status === 'CLEARED';
    if (counts) history.push({ at: new Date(t.createdAt), amountMinor: t.amountMinor, channel: t.channel, foreign: t.foreign });
  }
  return history;
}

function sendEvent(core: SandboxCore, transaction: Transaction): void {
  core.notify('transaction', { transactionId: transaction.id, type: transaction.type, timestamp: transaction.updatedAt });
}

export function authorizeTransaction(core: SandboxCore, corporationId: string, body: unknown) {
  const input = parseOrThrow(authorizationSchema, body);
  const card = core.card(corporationId, input.cardId);
  const approval = core.store.approvals.get(card.approvalId)!;
  const balance = core.store.balances.get(card.balanceId)!;
  const now = core.clock.now();
  const context: AuthorizationContext = {
    // A card taken away answers like an approval that is no longer active.
    approvalStatus: card.removed && approval.status === 'DELIVERED' ? 'FINISHED' : approval.status,
    cardLocked: card.status === 'LOCKED',
    startDate: new Date(approval.rules.validityPeriod.startDate),
    endDate: new Date(approval.rules.validityPeriod.endDate),
    timezone: approval.rules.validityPeriod.timezone,
    budgetMinor: approval.rules.budgetMinor,
    spentMinor: card.spentMinor,
    limits: approval.rules.limits,
    balanceCurrency: balance.currency,
    balanceAvailableMinor: balance.availableMinor,
    history: spendHistory(core, card),
  };
  const currency = input.currency ?? balance.currency;
  const result = authorize(context, { amountMinor: input.amountMinor, currency, mcc: input.mcc, channel: input.channel, at: now });
  const transaction: Transaction = {
    id: newUuid(),
    type: input.channel === 'ATM' ? 'WITHDRAWAL' : 'PURCHASE',
    status: result.approved ? 'AUTHORIZED' : 'DECLINED',
    amountMinor: result.amountInBalanceMinor,
    currency: balance.currency,
    originalAmountMinor: input.amountMinor,
    originalCurrency: currency,
    merchantName: input.merchantName,
    mcc: input.mcc,
    merchantCountry: input.country ?? 'PL',
    channel: input.channel,
    foreign: result.foreign,
    cardId: card.id,
    cardLast4Digits: last4(card),
    balanceId: balance.id,
    approvalId: approval.id,
    userId: card.userId,
    corporationId,
    declineReason: result.approved ? null : result.reason,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (result.approved) {
    card.spentMinor += transaction.amountMinor;
    balance.availableMinor -= transaction.amountMinor;
    balance.blockedMinor += transaction.amountMinor;
    balance.updatedAt = transaction.createdAt;
  }
  core.store.addTransaction(transaction);
  core.store.changed();
  sendEvent(core, transaction);
  return transactionOutcome(transaction);
}

function transactionOutcome(t: Transaction) {
  return { id: t.id, type: t.type, status: t.status, ...(t.declineReason ? { declineReason: t.declineReason } : {}) };
}

/** The debit (PURCHASE or WITHDRAWAL) a transaction id names. */
function debit(core: SandboxCore, corporationId: string, id: string): Transaction {
  const t = core.store.transaction(id, 'PURCHASE') ?? core.store.transaction(id, 'WITHDRAWAL');
  if (!t || t.corporationId !== corporationId) throw notFound('Transaction', id);
  return t;
}

export function settleTransaction(core: SandboxCore, corporationId: string, id: string, outcome: 'CLEARED' | 'REVERSED') {
  const t = debit(core, corporationId, id);
  if (t.status !== 'AUTHORIZED') throw notAllowed(`Only an AUTHORIZED transaction can be ${outcome.toLowerCase()}; this one is ${t.status}`);
  const balance = core.store.balances.get(t.balanceId)!;
  const card = core.store.cards.get(t.cardId)!;
  const now = core.clock.now().toISOString();
  balance.blockedMinor -= t.amountMinor;
  if (outcome === 'REVERSED') {
    balance.availableMinor += t.amountMinor;
    card.spentMinor -= t.amountMinor;
  }
  balance.updatedAt = now;
  t.status = outcome;
  t.updatedAt = now;
  core.store.changed();
  sendEvent(core, t);
  return transactionOutcome(t);
}

const refundSchema = z.object({ amountMinor: minorAmount().positive('must be positive').optional() }, { error: 'must be a JSON object' });

/**
 * Decision: one refund per purchase (THC identifies a transaction by id and type, and a REFUND reuses its
 * purchase's id), of a CLEARED purchase, for at most the original amount in the original currency.
 */
export function refundTransaction(core: SandboxCore, corporationId: string, id: string, body: unknown) {
  const t = debit(core, corporationId, id);
  const input = parseOrThrow(refundSchema, body ?? {});
  if (t.status !== 'CLEARED') throw notAllowed(`Only a CLEARED transaction can be refunded (reverse an AUTHORIZED one); this one is ${t.status}`);
  if (core.store.transaction(id, 'REFUND')) throw notAllowed(`Transaction ${id} has already been refunded`);
  const original = input.amountMinor ?? t.originalAmountMinor;
  if (original > t.originalAmountMinor) throw validationError([{ field: 'amountMinor', message: `must not exceed the original ${t.originalAmountMinor} ${t.originalCurrency}` }]);
  const amountMinor = t.originalCurrency === t.currency ? -original : toBalanceCurrency(-original, t.originalCurrency, t.currency);
  const now = core.clock.now().toISOString();
  const refund: Transaction = {
    ...t,
    type: 'REFUND',
    status: 'CLEARED',
    amountMinor,
    originalAmountMinor: -original,
    declineReason: null,
    createdAt: now,
    updatedAt: now,
  };
  const balance = core.store.balances.get(t.balanceId)!;
  const card = core.store.cards.get(t.cardId)!;
  balance.availableMinor -= amountMinor;
  balance.updatedAt = now;
  card.spentMinor += amountMinor;
  core.store.addTransaction(refund);
  core.store.changed();
  sendEvent(core, refund);
  return transactionOutcome(refund);
}

export function transactionView(t: Transaction) {
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    amountMinor: t.amountMinor,
    currency: t.currency,
    originalAmountMinor: t.originalAmountMinor,
    originalCurrency: t.originalCurrency,
    merchantName: t.merchantName,
    mcc: t.mcc,
    merchantCountry: t.merchantCountry,
    channel: t.channel,
    cardId: t.cardId,
    cardLast4Digits: t.cardLast4Digits,
    balanceId: t.balanceId,
    approvalId: t.approvalId,
    userId: t.userId,
    declineReason: t.declineReason,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** `dateFrom` inclusive, `dateTo` exclusive; a bare date (YYYY-MM-DD) as `dateTo` includes that whole UTC day. */
function dateParam(query: URLSearchParams, name: 'dateFrom' | 'dateTo', errors: FieldError[]): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const ms = Date.parse(`${raw}T00:00:00Z`);
    if (Number.isNaN(ms)) errors.push({ field: name, message: 'is not a valid date' });
    return name === 'dateTo' ? ms + 86_400_000 : ms;
  }
  const ok = z.iso.datetime({ offset: true }).safeParse(raw).success;
  if (!ok) {
    errors.push({ field: name, message: 'must be an ISO 8601 date-time with a zone or a date YYYY-MM-DD' });
    return null;
  }
  return Date.parse(raw);
}

export function listTransactions(core: SandboxCore, corporationId: string, query: URLSearchParams) {
  const errors: FieldError[] = [];
  const pageRequest = parsePageRequest(query, errors);
  const from = dateParam(query, 'dateFrom', errors);
  const to = dateParam(query, 'dateTo', errors);
  const statuses = enumListParam(query, 'status', TRANSACTION_STATUSES, errors);
  const types = enumListParam(query, 'type', TRANSACTION_TYPES, errors);
  const cardParam = query.get('cardId');
  if (cardParam !== null && !/^\d+$/.test(cardParam)) errors.push({ field: 'cardId', message: 'must be a card id' });
  const approvalId = query.get('approvalId');
  if (from !== null && to !== null && to <= from) errors.push({ field: 'dateTo', message: 'must be after dateFrom' });
  throwIfAny(errors);
  const cardId = cardParam === null ? null : Number(cardParam);
  const source = cardId !== null ? core.store.cardTransactions(cardId) : core.store.transactions;
  const matching: Transaction[] = [];
  // Newest first.
  for (let i = source.length - 1; i >= 0; i--) {
    const t = source[i];
    if (t.corporationId !== corporationId) continue;
    const at = Date.parse(t.createdAt);
    if (from !== null && at < from) continue;
    if (to !== null && at >= to) continue;
    if (statuses && !statuses.has(t.status)) continue;
    if (types && !(types as Set<string>).has(t.type)) continue;
    if (approvalId && t.approvalId !== approvalId) continue;
    matching.push(t);
  }
  return toPage(matching, pageRequest, transactionView);
}

/** `GET /thc/transactions/{id}?type=`: without a type, the purchase or withdrawal the id names. */
export function getTransaction(core: SandboxCore, corporationId: string, id: string, type: string | null) {
  if (type !== null && !(TRANSACTION_TYPES as readonly string[]).includes(type)) {
    throw validationError([{ field: 'type', message: `unknown value ${type}; expected ${TRANSACTION_TYPES.join(', ')}` }]);
  }
  const t =
    type === null ? core.store.transactionsWithId(id)[0] : isProducedType(type) ? core.store.transaction(id, type) : undefined;
  if (!t || t.corporationId !== corporationId) throw notFound(type ? `Transaction ${type}` : 'Transaction', id);
  return transactionView(t);
}

export function balanceView(core: SandboxCore, corporationId: string, balanceId: string) {
  const balance = core.store.balances.get(balanceId);
  if (!balance || balance.corporationId !== corporationId) {
    if (core.store.balancesByAlias.has(balanceId)) {
      throw new ApiError(404, 'NOT_FOUND', `Balance ${balanceId} not found: that is a Card Alias ID; balances take the balanceId`);
    }
    throw notFound('Balance', balanceId);
  }
  return { id: balance.id, currency: balance.currency, availableMinor: balance.availableMinor, blockedMinor: balance.blockedMinor, updatedAt: balance.updatedAt };
}
