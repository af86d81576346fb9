import { createHash } from 'node:crypto';
import { z } from 'zod';
import { maskAddress, maskCode } from './mask';

// The three kinds of call Sparados makes to the listener (API-REFERENCE §6 and §7), how each is
// identified for deduplication, and what of it may be stored. Pure: the listener and the worker
// both use it, and unit tests cover it without a server.

export const INBOX_KINDS = ['TRANSACTION', 'THREE_DS_OTP', 'WALLET'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

const id = z.union([z.string().trim().min(1).max(100), z.number().int().nonnegative()]).transform(String);
const minor = z.number().int().safe();

export const transactionEventSchema = z.looseObject({
  transactionId: id,
  type: z.string().regex(/^[A-Z_]{1,40}$/, 'must be a THC transaction type such as PURCHASE'),
  timestamp: z.iso.datetime({ offset: true }),
});

export const threeDsOtpSchema = z.looseObject({
  balanceId: id.optional(),
  currency: z.string().max(3).optional(),
  merchantName: z.string().max(200).optional(),
  otp: z.string().regex(/^[0-9A-Za-z]{4,12}$/, 'must be a one-time code'),
  cardId: id,
  userId: id.nullish(),
  amountMinor: minor.optional(),
  cardLast4Digits: z.string().max(4).optional(),
});

export const WALLET_MESSAGE_TYPES = ['ACTIVATION_CODE_DELIVERY', 'TOKEN_ACTIVATED', 'CARD_REMOVED_BY_CUSTOMER', 'CARD_REMOVED_BY_ISSUER'] as const;

export const walletSchema = z.looseObject({
  cardId: id,
  cardLast4Digits: z.string().max(4).optional(),
  tokenRequestorType: z.string().max(50).optional(),
  // Open on purpose: a message type added upstream is recorded, not refused.
  messageType: z.string().regex(/^[A-Z_]{1,60}$/, 'must be a wallet message type'),
  activationMethodType: z.string().max(30).nullish(),
  activationMethodValue: z.string().max(100).nullish(),
  activationCode: z.string().regex(/^[0-9A-Za-z]{4,12}$/, 'must be an activation code').nullish(),
  formFactor: z.string().max(30).nullish(),
});

export type TransactionEvent = z.output<typeof transactionEventSchema>;
export type ThreeDsOtpEvent = z.output<typeof threeDsOtpSchema>;
export type WalletEvent = z.output<typeof walletSchema>;

/** What goes into the inbox: the payload with secrets masked, and the secret alone (to be sealed). */
export interface InboxDraft {
  kind: InboxKind;
  dedupeKey: string;
  payload: Record<string, unknown>;
  secret: string | null;
}

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Key order does not make two deliveries of one body different. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function transactionDraft(event: TransactionEvent): InboxDraft {
  // A retry repeats the body; a new state of the transaction comes with a new timestamp.
  const at = new Date(event.timestamp).toISOString();
  return {
    kind: 'TRANSACTION',
    dedupeKey: `txn:${event.transactionId}:${event.type}:${at}`,
    payload: { transactionId: event.transactionId, type: event.type, timestamp: at },
    secret: null,
  };
}

export function threeDsOtpDraft(event: ThreeDsOtpEvent): InboxDraft {
  const { otp, ...rest } = event;
  return {
    kind: 'THREE_DS_OTP',
    // The code itself tells two OTPs apart; hashed so the key reveals nothing.
    dedupeKey: `3ds:${sha(canonical(event))}`,
    payload: { ...rest, otp: maskCode(otp) },
    secret: otp,
  };
}

export function walletDraft(event: WalletEvent): InboxDraft {
  const { activationCode, activationMethodValue, ...rest } = event;
  return {
    kind: 'WALLET',
    dedupeKey: `wallet:${sha(canonical(event))}`,
    payload: {
      ...rest,
      ...(activationCode ? { activationCode: maskCode(activationCode) } : {}),
      ...(activationMethodValue ? { activationMethodValue: maskAddress(activationMethodValue) } : {}),
    },
    // The address goes with the code, sealed: deliverCode sends the code where Sparados asked (sealedWalletSecret).
    secret: activationCode ? (activationMethodValue ? JSON.stringify({ code: activationCode, to: activationMethodValue }) : activationCode) : null,
  };
}

/** The sealed secret of a wallet row: the code alone, or the code with the address Sparados gave for it. */
export function openWalletSecret(secret: string): { code: string; to: string | null } {
  if (!secret.startsWith('{')) return { code: secret, to: null };
  const parsed = JSON.parse(secret) as { code?: unknown; to?: unknown };
  return { code: String(parsed.code ?? ''), to: typeof parsed.to === 'string' ? parsed.to : null };
}
