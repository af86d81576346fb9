// Control API: make Sparados send the Full API notifications of API-REFERENCE §7.
import { z } from 'zod';
import type { SandboxCore } from '../core';
import { ApiError } from '../http/errors';
import { last4 } from './cards';
import { randomDigits } from './ids';
import { isSupportedCurrency } from './fx';
import { minorAmount, parseOrThrow } from './validation';

const cardIdSchema = z.union([z.int().positive(), z.string().regex(/^\d+$/)], { error: 'must be a card id' }).transform(Number);

const otpSchema = z.object(
  {
    cardId: cardIdSchema,
    amountMinor: minorAmount().positive('must be positive'),
    merchantName: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty'),
    currency: z.string().refine(isSupportedCurrency, 'is not a known currency').optional(),
  },
  { error: 'must be a JSON object' },
);

export const WALLET_MESSAGE_TYPES = ['ACTIVATION_CODE_DELIVERY', 'TOKEN_ACTIVATED', 'CARD_REMOVED_BY_CUSTOMER', 'CARD_REMOVED_BY_ISSUER'] as const;

const walletSchema = z.object(
  {
    cardId: cardIdSchema,
    messageType: z.enum(WALLET_MESSAGE_TYPES, { error: `must be one of ${WALLET_MESSAGE_TYPES.join(', ')}` }),
    tokenRequestorType: z.string({ error: 'must be a string' }).regex(/^[A-Z_]+$/, 'must be like APPLE_PAY or GOOGLE_PAY').optional(),
  },
  { error: 'must be a JSON object' },
);

function requireSent(sent: boolean, what: string): void {
  if (!sent) throw new ApiError(409, 'WEBHOOK_NOT_CONFIGURED', `No ${what} URL is configured (see SANDBOX_WEBHOOK_* in SANDBOX.md)`);
}

export function sendThreeDsOtp(core: SandboxCore, corporationId: string, body: unknown) {
  const input = parseOrThrow(otpSchema, body);
  const card = core.card(corporationId, input.cardId);
  const balance = core.store.balances.get(card.balanceId)!;
  requireSent(
    core.notify('3ds-otp', {
      balanceId: balance.id,
      currency: input.currency ?? balance.currency,
      merchantName: input.merchantName,
      otp: randomDigits(6),
      cardId: card.id,
      userId: card.userId,
      amountMinor: input.amountMinor,
      cardLast4Digits: last4(card),
    }),
    '3DS OTP webhook',
  );
  return { kind: '3ds-otp', cardId: card.id };
}

export function sendWalletNotification(core: SandboxCore, corporationId: string, body: unknown) {
  const input = parseOrThrow(walletSchema, body);
  const card = core.card(corporationId, input.cardId);
  const activation =
    input.messageType === 'ACTIVATION_CODE_DELIVERY'
      ? { activationMethodType: 'SMS', activationMethodValue: phoneOf(core, card.userId, card.approvalId), activationCode: randomDigits(6) }
      : {};
  requireSent(
    core.notify('wallet', {
      cardLast4Digits: last4(card),
      tokenRequestorType: input.tokenRequestorType ?? 'APPLE_PAY',
      messageType: input.messageType,
      ...activation,
      formFactor: 'PHONE',
      cardId: card.id,
    }),
    'wallet webhook',
  );
  return { kind: 'wallet', cardId: card.id, messageType: input.messageType };
}

function phoneOf(core: SandboxCore, userId: number | null, approvalId: string): string {
  const user = userId === null ? undefined : core.store.users.get(userId);
  if (user) return `+${user.phoneNumber}`;
  const approval = core.store.approvals.get(approvalId);
  return approval?.user.phone ? `+${approval.user.prefix ?? ''}${approval.user.phone}` : '+48000000000';
}
