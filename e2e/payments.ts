import { call, sandbox } from './sandbox';

// Card payments for the transactions e2e tests: a card made and redeemed in the sandbox (as an employee
// would), then authorizations, settlements and refunds played by the card network through the control
// API (e2e/sandbox.ts).

export interface PaymentCard {
  approvalId: string;
  /** The card id THC reports. */
  cardId: string;
}

/** A DELIVERED card for a new person: budget 400.00 PLN, ATM withdrawals disabled. */
export async function cardFor(email: string, firstName: string, lastName: string): Promise<PaymentCard> {
  const approval = await sandbox.createApproval(email, firstName, lastName, 'E2E payments card');
  const redeemed = await call<{ status: string; cardId: string | number | null }>('POST', `/_sandbox/approvals/${approval.id}/redeem`);
  if (redeemed.status !== 'DELIVERED' || redeemed.cardId === null) throw new Error(`redeem: ${JSON.stringify(redeemed)}`);
  return { approvalId: approval.id, cardId: String(redeemed.cardId) };
}

export interface Payment {
  id: string;
  status: string;
  declineReason?: string;
}

export function pay(card: PaymentCard, amountMinor: number, merchantName: string, mcc: string, options: { channel?: 'POS' | 'ECOMMERCE' | 'ATM'; currency?: string } = {}): Promise<Payment> {
  return call('POST', '/_sandbox/transactions', {
    cardId: card.cardId,
    amountMinor,
    merchantName,
    mcc,
    channel: options.channel ?? 'POS',
    ...(options.currency ? { currency: options.currency, country: 'DE' } : {}),
  });
}

export const settle = (payment: Payment) => call('POST', `/_sandbox/transactions/${payment.id}/clear`);
