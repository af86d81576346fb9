// Test and bench helpers for the webhook pipeline: a sandbox of our own (webhooks on or off) with a
// Sparados client pointed at it, the listener on a free port, and an mTLS client that presents the
// Verestro certificate as Sparados does. Not imported by panel code.
import { readFileSync } from 'node:fs';
import { Agent, request, type Dispatcher } from 'undici';
import { createSparadosClient, getSparadosConfig, type SparadosClient } from '@/lib/sparados';
import { simpleApproval } from '@/lib/sparados/contract/fixtures';
import { sandboxControl, type SandboxControl } from '@/lib/sparados/contract/sandbox-control';
import { createSparadosAgent } from '@/lib/sparados/dispatcher';
import type { CreateApprovalInput } from '@/lib/sparados/schemas/approvals';
import { certPaths, ensureCerts, type CertPaths } from '../../scripts/certs';
import { startSandbox } from '../../sandbox/server';
import { DEV_SENDER_SUBJECT } from './config';
import { createInboxWriter } from './inbox';
import { startWebhookListener, type RunningWebhookListener, type WebhookListenerOptions } from './listener';
import { sealingKey } from './seal';

export const TEST_SEAL_KEY = sealingKey('webhook-tests-only-secret-0000000000000000');

export async function devCerts(): Promise<CertPaths> {
  await ensureCerts();
  return certPaths();
}

export async function startTestListener(options: Partial<WebhookListenerOptions> = {}): Promise<RunningWebhookListener> {
  const certs = await devCerts();
  return startWebhookListener({
    port: 0,
    tls: { cert: readFileSync(certs.sandboxServerCert), key: readFileSync(certs.sandboxServerKey), ca: readFileSync(certs.verestroCa) },
    record: createInboxWriter({ sealKey: TEST_SEAL_KEY }),
    pins: { subjects: [DEV_SENDER_SUBJECT], fingerprints: [] },
    ...options,
  });
}

export interface OwnSandbox {
  url: string;
  client: SparadosClient;
  control: SandboxControl;
  cardAliasId: string;
  /** A DELIVERED approval with a card; returns the card id as THC reports it. */
  newCard(rules?: Partial<CreateApprovalInput['rules']>): Promise<{ approvalId: string; cardId: string }>;
  authorize(cardId: string, amountMinor: number, extra?: { merchantName?: string; mcc?: string; channel?: 'POS' | 'ECOMMERCE' | 'ATM' }): Promise<{ id: string; type: string; status: string }>;
  close(): Promise<void>;
}

/**
 * A sandbox of this test's own, on the dev certificates the panel's client uses. With `listener`,
 * its outbound calls go there (server certificate from the sandbox CA, as in `npm run dev`).
 */
export async function startOwnSandbox(listener?: { url: string } | null, retryScale = 0.001): Promise<OwnSandbox> {
  const certs = await devCerts();
  const sandbox = await startSandbox({
    port: 0,
    stateFile: ':memory:',
    certsDir: certs.dir,
    retryScale,
    log: () => undefined,
    webhookUrls: listener
      ? { transactions: `${listener.url}/transaction-event`, threeDs: `${listener.url}/3ds-otp`, wallet: `${listener.url}/wallet` }
      : {},
    webhookCaFile: certs.sandboxCa,
  });
  const base = getSparadosConfig();
  const config = { ...base, baseUrls: { cards: `${sandbox.url}/secure`, thc: `${sandbox.url}/thc`, full: sandbox.url } };
  const agent: Dispatcher = createSparadosAgent(config);
  const client = createSparadosClient({ config, dispatcher: agent });
  const control = sandboxControl(sandbox.url, agent);
  const cardAliasId = (await control.corporation()).balances[0]!.cardAliasId;
  return {
    url: sandbox.url,
    client,
    control,
    cardAliasId,
    async newCard(rules = {}) {
      const approval = await client.createApproval(simpleApproval(cardAliasId, { budgetMinor: 100_000_000, limits: [], ...rules }));
      const redeemed = await control.redeem(approval.id);
      if (redeemed.cardId === null) throw new Error(`redeem gave no card: ${JSON.stringify(redeemed)}`);
      return { approvalId: approval.id, cardId: String(redeemed.cardId) };
    },
    authorize: (cardId, amountMinor, extra = {}) =>
      control.authorize({ cardId, amountMinor, merchantName: extra.merchantName ?? 'Test Shop', mcc: extra.mcc ?? '5411', channel: extra.channel ?? 'POS' }),
    async close() {
      await sandbox.close();
      await agent.close();
    },
  };
}

/** Calls the listener as Sparados does: mTLS with the Verestro-signed client certificate (or another identity). */
export function webhookCaller(url: string, identity: 'verestro' | 'sparados-ca' | 'none' = 'verestro', connections = 8) {
  const certs = certPaths();
  const client =
    identity === 'verestro'
      ? { cert: readFileSync(certs.webhookClientCert), key: readFileSync(certs.webhookClientKey) }
      : identity === 'sparados-ca'
        ? { cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) }
        : {};
  const agent = new Agent({ connect: { ...client, ca: readFileSync(certs.sandboxCa) }, connections, pipelining: 1 });
  return {
    agent,
    async post(path: string, body: unknown, headers: Record<string, string> = {}) {
      const response = await request(`${url}${path}`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
    },
    close: () => agent.close(),
  };
}
