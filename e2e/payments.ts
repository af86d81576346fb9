import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

// Card payments for the transactions e2e tests: a card made and redeemed in the sandbox (as an employee
// would), then authorizations, settlements and refunds played by the card network through the control
// API. Over the client certificate the test services configured (SANDBOX_URL, SPARADOS_*_FILE).

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: e2e tests run through npm test, which starts the sandbox`);
  return value;
}

let agent: Agent | undefined;

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  agent ??= new Agent({ connect: { cert: readFileSync(env('SPARADOS_CERT_FILE')), key: readFileSync(env('SPARADOS_KEY_FILE')), ca: readFileSync(env('SPARADOS_CA_FILE')) } });
  const response = await request(`${env('SANDBOX_URL')}${path}`, {
    method,
    dispatcher: agent,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: HTTP ${response.statusCode} ${text}`);
  return JSON.parse(text) as T;
}

export interface PaymentCard {
  approvalId: string;
  /** The card id THC reports. */
  cardId: string;
}

/** A DELIVERED card for a new person: budget 400.00 PLN, ATM withdrawals disabled. */
export async function cardFor(email: string, firstName: string, lastName: string): Promise<PaymentCard> {
  const { balances } = await call<{ balances: Array<{ cardAliasId: string }> }>('GET', '/_sandbox/corporation');
  const now = Date.now();
  const approval = await call<{ id: string }>('POST', '/secure/approvals', {
    balance: { id: balances[0]!.cardAliasId },
    user: { email, prefix: '48', phone: '600987654', firstName, lastName },
    rules: {
      budgetMinor: 40_000,
      validityPeriod: { startDate: new Date(now - 3_600_000).toISOString(), endDate: new Date(now + 30 * 86_400_000).toISOString(), timezone: 'Europe/Warsaw' },
      limits: [{ type: 'atm', amountMinor: 0 }],
      purpose: { ecommerce: true, allowChangeRequest: true },
    },
    card: { description: 'E2E payments card' },
    tags: ['e2e'],
  });
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
