import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { formatMoney } from '@/lib/money';
import type { CodeDelivery, Notifier } from '@/lib/notify';
import type { ClaimedInboxRow } from './process-inbox';
import { unseal } from './seal';

// 3DS OTP and wallet notifications: hand the code to the notifier, keep only a masked record
// (model Notification). Delivery is at least once: a crash after the notifier accepted the code and
// before the row is marked done sends it again on the retry, which for a one-time code is the safe side.

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
  const already = await deps.db.notification.findUnique({ where: { inboxId: row.id }, select: { id: true } });
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
    await deps.db.notification.create({ data: { ...base, channel: deps.notifier.channel, status: 'EXPIRED', error: 'not delivered within 10 minutes' } });
    return 'EXPIRED';
  }

  const message: CodeDelivery = {
    kind: isOtp ? 'THREE_DS_OTP' : 'WALLET_ACTIVATION_CODE',
    code: unseal(row.sealedSecret, deps.sealKey),
    recipient: who.recipient,
    card: { sparadosCardId, last4: text(p.cardLast4Digits) },
    context: isOtp ? describeOtp(p) : `${text(p.tokenRequestorType) ?? 'wallet'} on ${text(p.formFactor)?.toLowerCase() ?? 'a device'}`,
  };
  await deps.notifier.deliver(message);
  await deps.db.notification.create({ data: { ...base, channel: deps.notifier.channel, status: 'SENT' } });
  return 'SENT';
}
