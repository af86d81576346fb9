import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

// The sandbox as the e2e tests use it: the end user (redeem, change request) through the control
// API, and approvals made directly in "Sparados" (as the Corporate Panel would) for sync to find.
// Over the client certificate the test services configured (SANDBOX_URL, SPARADOS_*_FILE).

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: e2e tests run through npm test, which starts the sandbox`);
  return value;
}

let agent: Agent | undefined;
function dispatcher(): Agent {
  agent ??= new Agent({ connect: { cert: readFileSync(env('SPARADOS_CERT_FILE')), key: readFileSync(env('SPARADOS_KEY_FILE')), ca: readFileSync(env('SPARADOS_CA_FILE')) } });
  return agent;
}

export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await request(`${env('SANDBOX_URL')}${path}`, {
    method,
    dispatcher: dispatcher(),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: HTTP ${response.statusCode} ${text}`);
  return JSON.parse(text) as T;
}

export const sandbox = {
  redeem: (approvalId: string) => call<{ status: string }>('POST', `/_sandbox/approvals/${approvalId}/redeem`),
  changeRequest: (approvalId: string, body: { budgetMinor?: number; endDate?: string }) => call<{ id: string }>('POST', `/_sandbox/approvals/${approvalId}/change-request`, body),
  /** Sparados sends the cardholder's 3-D Secure code to the panel's webhook listener (Full API). */
  sendThreeDsOtp: (cardId: string, amountMinor: number, merchantName: string) => call<{ kind: string }>('POST', '/_sandbox/webhooks/3ds-otp', { cardId: Number(cardId), amountMinor, merchantName }),
  /** An approval made in Sparados directly, for a person with this e-mail. */
  async createApproval(email: string, firstName: string, lastName: string, description = 'E2E card'): Promise<{ id: string }> {
    const { balances } = await call<{ balances: Array<{ cardAliasId: string }> }>('GET', '/_sandbox/corporation');
    const now = Date.now();
    // Sparados' create reply promises the approvalId and nothing else (seed 001; the e2e sandbox answers only that).
    const { approvalId } = await call<{ approvalId: string }>('POST', '/secure/approvals', {
      balance: { id: balances[0]!.cardAliasId },
      user: { email, prefix: '48', phone: '600123456', firstName, lastName },
      rules: {
        budgetMinor: 40_000,
        validityPeriod: { startDate: new Date(now - 3_600_000).toISOString(), endDate: new Date(now + 30 * 86_400_000).toISOString(), timezone: 'Europe/Warsaw' },
        limits: [{ type: 'atm', amountMinor: 0, timeUnit: 'monthly' }],
        purpose: { ecommerce: true, allowChangeRequest: true },
      },
      card: { description },
      tags: ['e2e'],
    });
    return { id: approvalId };
  },
};
