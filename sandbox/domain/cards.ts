// Card generation: Luhn-valid numbers, CVV, expiry. PAN and CVV never leave this module but through the JWE.
import type { Approval, Card } from '../store/types';
import { randomDigits } from './ids';

// 2-series Mastercard range reserved for tests by nobody in particular; any prefix passes Luhn the same way.
const PAN_PREFIX = '222300';

export function luhnCheckDigit(partial: string): number {
  let sum = 0;
  // Walk from the right; the digit next to the (missing) check digit is doubled first.
  for (let i = partial.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = partial.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.at(-1));
}

export function generatePan(): string {
  const partial = PAN_PREFIX + randomDigits(16 - PAN_PREFIX.length - 1);
  return partial + String(luhnCheckDigit(partial));
}

/** Last day of the month three years after `from` (cards outlive approvals; the approval bounds use). */
export function expiryDate(from: Date): string {
  const lastDay = new Date(Date.UTC(from.getUTCFullYear() + 3, from.getUTCMonth() + 1, 0));
  return lastDay.toISOString().slice(0, 10);
}

export function newCard(params: { id: number; approval: Approval; balanceId: string; userId: number | null; now: Date; isPanTaken: (pan: string) => boolean }): Card {
  let pan = generatePan();
  while (params.isPanTaken(pan)) pan = generatePan();
  return {
    id: params.id,
    corporationId: params.approval.corporationId,
    approvalId: params.approval.id,
    cardAliasId: params.approval.balance.id,
    balanceId: params.balanceId,
    userId: params.userId,
    status: 'ACTIVE',
    removed: false,
    spentMinor: 0,
    pan,
    cvv: randomDigits(3),
    exp: expiryDate(params.now),
    issuerCardId: randomDigits(16),
    createdAt: params.now.toISOString(),
  };
}

export const last4 = (card: Card): string => card.pan.slice(-4);

/** The decrypted payload of `GET /secure/cards/{id}/sensitive` (API-REFERENCE §4). */
export function sensitivePayload(card: Card) {
  return {
    id: card.id,
    type: 'VIRTUAL',
    cardNo: card.pan,
    cvv: card.cvv,
    exp: card.exp,
    issuerCardId: card.issuerCardId,
    dcCorporationId: card.corporationId,
    balanceId: card.balanceId,
  };
}
