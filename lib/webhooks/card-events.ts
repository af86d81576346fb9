import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { walletName } from './deliver-code';

// What one-time codes and wallet messages did, in sentences for the card's timeline (issue 12 item 9), so
// support can answer "why can't I add my card to my phone". Built from Notification rows, which hold
// only masked codes and addresses.

export interface CardEvent {
  id: string;
  at: Date;
  kind: 'code' | 'wallet' | 'undelivered';
  /** Who acted: the channel that delivered, or the wallet. */
  actor: string;
  summary: string;
}

type Row = Prisma.NotificationGetPayload<object>;

const CHANNEL_WORDS: Record<string, string> = { email: 'by e-mail', sms: 'by SMS', console: 'to the worker console (development)' };

const WALLET_MESSAGES: Record<string, string> = {
  ACTIVATION_CODE_DELIVERY: 'asked to add the card',
  TOKEN_ACTIVATED: 'the card was added (token activated)',
  CARD_REMOVED_BY_CUSTOMER: 'the cardholder removed the card',
  CARD_REMOVED_BY_ISSUER: 'the issuer removed the card',
};

function detail(row: Row, key: string): string | null {
  const details = row.details as Record<string, unknown> | null;
  const value = details?.[key];
  return typeof value === 'string' && value ? value : null;
}

function what(row: Row): string {
  if (row.kind === 'THREE_DS_OTP') {
    const merchant = detail(row, 'merchantName');
    return `3-D Secure code ${row.codeMasked ?? ''}${merchant ? ` for a payment at ${merchant}` : ''}`.replace('  ', ' ');
  }
  return `${walletName(detail(row, 'tokenRequestorType'))} activation code ${row.codeMasked ?? ''}`.trim();
}

export function cardEventOf(row: Row): CardEvent {
  const base = { id: `notification-${row.id}`, at: row.createdAt };
  const to = row.recipientMasked ? ` to ${row.recipientMasked}` : '';
  const how = CHANNEL_WORDS[row.channel] ?? row.channel;
  if (row.kind === 'WALLET_MESSAGE') {
    const wallet = walletName(detail(row, 'tokenRequestorType'));
    const type = detail(row, 'messageType') ?? 'message';
    return { ...base, kind: 'wallet', actor: wallet, summary: `${wallet}: ${WALLET_MESSAGES[type] ?? type.replace(/_/g, ' ').toLowerCase()}.` };
  }
  switch (row.status) {
    case 'SENT':
      return { ...base, kind: 'code', actor: how, summary: `${what(row)} sent ${how}${to}.` };
    case 'EXPIRED':
      return { ...base, kind: 'undelivered', actor: 'Not delivered', summary: `${what(row)} was not delivered within 10 minutes and was dropped; the cardholder can ask for a new one.` };
    default:
      return { ...base, kind: 'undelivered', actor: how, summary: `${what(row)} could not be sent ${how}${to} (try ${row.attempt}): ${row.error ?? 'no reason given'}.` };
  }
}

/** The card's code and wallet events, newest first. */
export async function cardEvents(db: Prisma.TransactionClient, cardId: string, take = 100): Promise<CardEvent[]> {
  const rows = await db.notification.findMany({ where: { cardId }, orderBy: { createdAt: 'desc' }, take });
  return rows.map(cardEventOf);
}
