import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { formatMoney } from '@/lib/money';
import type { CodeDelivery, Notifier } from '@/lib/notify';
import type { ClaimedInboxRow } from './inbox-row';
import { openWalletSecret } from './events';
import { maskAddress } from './mask';
import { unseal } from './seal';

// 3DS OTP and wallet notifications: hand the code to the notifier, keep only a masked record of every
// try (model Notification: the card's timeline shows them). When no channel accepts, the inbox row is
// retried with backoff until the code is too old to matter. Delivery is at least once: a crash after a
// channel accepted the code and before the row is marked done sends it again, the safe side for a code.

export type CodeOutcome = 'SENT' | 'EXPIRED' | 'RECORDED' | 'DUPLICATE';

/** A code older than this is not worth sending: the payment or wallet step it belongs to has timed out. */
const CODE_TTL_MS = 10 * 60_000;

interface Deps {
  db: PrismaClient;
  notifier: Notifier;
  sealKey: Buffer;
  now?: Date;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

async function recipientOf(db: PrismaClient, sparadosCardId: string) {
  const card = await db.card.findFirst({
    where: { sparadosCardId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, cardholder: { select: { id: true, firstName: true, lastName: true, email: true, phonePrefix: true, phoneNumber: true } } },
  });
  const h = card?.cardholder;
  const name = h ? [h.firstName, h.lastName].filter(Boolean).join(' ') || null : null;
  return {
    cardId: card?.id ?? null,
    cardholderId: h?.id ?? null,
    recipient: { name, email: h?.email ?? null, phone: h ? `+${h.phonePrefix}${h.phoneNumber}` : null },
  };
}

function describeOtp(p: Record<string, unknown>): string {
  const amount = typeof p.amountMinor === 'number' && typeof p.currency === 'string' ? formatMoney(p.amountMinor, p.currency) : null;
  const merchant = text(p.merchantName);
  return [amount, merchant ? `at ${merchant}` : null].filter(Boolean).join(' ') || 'online payment';
}

export async function deliverCode(row: ClaimedInboxRow, deps: Deps): Promise<CodeOutcome> {
  const p = row.payload;
  const sparadosCardId = text(p.cardId) ?? '';
  const isOtp = row.kind === 'THREE_DS_OTP';
  const kind = isOtp ? 'THREE_DS_OTP' : row.sealedSecret ? 'WALLET_ACTIVATION_CODE' : 'WALLET_MESSAGE';
  const already = await deps.db.notification.findFirst({ where: { inboxId: row.id, status: { in: ['SENT', 'EXPIRED', 'RECORDED'] } }, select: { id: true } });
  if (already) return 'DUPLICATE';

  const who = await recipientOf(deps.db, sparadosCardId);
  const details = isOtp
    ? { merchantName: text(p.merchantName), amountMinor: p.amountMinor ?? null, currency: text(p.currency), cardLast4: text(p.cardLast4Digits) }
    : {
        messageType: text(p.messageType),
        tokenRequestorType: text(p.tokenRequestorType),
        activationMethodType: text(p.activationMethodType),
        activationMethodValue: text(p.activationMethodValue),
        cardLast4: text(p.cardLast4Digits),
      };
  const base = {
    kind,
    inboxId: row.id,
    attempt: row.attempts,
    sparadosCardId: sparadosCardId || null,
    cardId: who.cardId,
    cardholderId: who.cardholderId,
    codeMasked: text(isOtp ? p.otp : p.activationCode),
    details,
  };

  if (!row.sealedSecret) {
    // A wallet message without a code (token activated, card removed): nothing to deliver, only to record.
    await deps.db.notification.create({ data: { ...base, channel: 'none', status: 'RECORDED' } });
    return 'RECORDED';
  }
  const now = deps.now ?? new Date();
  if (now.getTime() - row.receivedAt.getTime() > CODE_TTL_MS) {
    await deps.db.notification.create({ data: { ...base, channel: 'none', status: 'EXPIRED', error: 'not delivered within 10 minutes' } });
    return 'EXPIRED';
  }

  const secret = unseal(row.sealedSecret, deps.sealKey);
  const { code, to } = isOtp ? { code: secret, to: null } : openWalletSecret(secret);
  const message: CodeDelivery = {
    kind: isOtp ? 'THREE_DS_OTP' : 'WALLET_ACTIVATION_CODE',
    code,
    recipient: who.recipient,
    card: { sparadosCardId, last4: text(p.cardLast4Digits) },
    context: isOtp ? describeOtp(p) : describeWallet(p),
    requested: to ? requestedRoute(p, to) : null,
  };
  const attempts = await deps.notifier.deliver(message);
  await deps.db.notification.createMany({
    data: attempts.map((a) => ({ ...base, channel: a.channel, recipientMasked: maskAddress(a.to), status: a.error === null ? 'SENT' : 'FAILED', error: a.error })),
    skipDuplicates: true,
  });
  if (attempts.some((a) => a.error === null)) return 'SENT';
  throw new CodeNotDelivered(
    attempts.length === 0
      ? `no configured channel (${deps.notifier.channels.join(', ')}) reaches this cardholder`
      : attempts.map((a) => `${a.channel}: ${a.error}`).join('; '),
  );
}

/** No channel took the code; the message names channels and reasons, never the code. */
export class CodeNotDelivered extends Error {
  override name = 'CodeNotDelivered';
}

const WALLETS: Record<string, string> = { APPLE_PAY: 'Apple Pay', GOOGLE_PAY: 'Google Pay', SAMSUNG_PAY: 'Samsung Pay' };

export function walletName(tokenRequestorType: unknown): string {
  const raw = text(tokenRequestorType);
  return raw ? (WALLETS[raw] ?? raw.replace(/_/g, ' ').toLowerCase()) : 'a wallet';
}

function describeWallet(p: Record<string, unknown>): string {
  const device = text(p.formFactor)?.toLowerCase();
  return `${walletName(p.tokenRequestorType)}${device ? ` on a ${device}` : ''}`;
}

/** The seeds' example: activationMethodType "SMS" with activationMethodValue "+48123456789". */
function requestedRoute(p: Record<string, unknown>, to: string): CodeDelivery['requested'] {
  const method = text(p.activationMethodType)?.toUpperCase();
  if (method === 'SMS') return { channel: 'sms', to };
  if (method === 'EMAIL') return { channel: 'email', to };
  return null;
}
