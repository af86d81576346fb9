// Test helper: a real sandbox over real mTLS, and a keep-alive client presenting the partner certificate.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { ensureCerts, type CertPaths } from '../../scripts/certs';
import { startSandbox, type StartSandboxOptions } from '../server';
import { loadCorporation } from '../fixtures/corporation';

/** Shared by every sandbox test file; ensureCerts is idempotent and locked, so parallel workers agree. */
export const TEST_CERTS_DIR = join(tmpdir(), 'sparados-sandbox-test-certs');

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface TestClient {
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export function clientFor(baseUrl: string, certs: CertPaths, identity?: { cert: string; key: string }): TestClient {
  const agent = new Agent({
    connect: {
      cert: identity?.cert ?? readFileSync(certs.clientCert, 'utf8'),
      key: identity?.key ?? readFileSync(certs.clientKey, 'utf8'),
      ca: readFileSync(certs.sandboxCa, 'utf8'),
    },
  });
  return {
    async call(method, path, body, headers = {}) {
      const response = await request(`${baseUrl}${path}`, {
        method: method as 'GET',
        dispatcher: agent,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.body.text();
      return { status: response.statusCode, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
    close: () => agent.close(),
  };
}

export interface TestSandbox extends TestClient {
  url: string;
  port: number;
  certs: CertPaths;
  corporation: ReturnType<typeof loadCorporation>;
  /** Card Alias ID of the first balance: what approvals take as balance.id. */
  cardAliasId: string;
  balanceId: string;
  stop(): Promise<void>;
}

export async function startTestSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  const certs = await ensureCerts(TEST_CERTS_DIR);
  const sandbox = await startSandbox({ port: 0, stateFile: ':memory:', certsDir: TEST_CERTS_DIR, retryScale: 0.001, log: () => undefined, webhookUrls: {}, ...options });
  const client = clientFor(sandbox.url, certs);
  const corporation = loadCorporation();
  return {
    ...client,
    url: sandbox.url,
    port: sandbox.port,
    certs,
    corporation,
    cardAliasId: corporation.balances[0].cardAliasId,
    balanceId: corporation.balances[0].balanceId,
    async stop() {
      await client.close();
      await sandbox.close();
    },
  };
}

const HOUR = 3_600_000;

/** A valid Simple API create body; `overrides` are merged one level deep into rules. */
export function simpleApprovalBody(cardAliasId: string, overrides: { rules?: Record<string, unknown>; [k: string]: unknown } = {}) {
  const { rules, ...rest } = overrides;
  return {
    balance: { id: cardAliasId },
    user: { email: 'anna.nowak@example.com', prefix: '48', phone: '600100200', firstName: 'Anna', lastName: 'Nowak' },
    rules: {
      budgetMinor: 100_000,
      validityPeriod: { startDate: new Date(Date.now() - HOUR).toISOString(), endDate: new Date(Date.now() + 30 * 24 * HOUR).toISOString(), timezone: 'Europe/Warsaw' },
      limits: [],
      purpose: { ecommerce: true, allowChangeRequest: true },
      ...rules,
    },
    card: { description: 'Travel', visual: null },
    tags: ['team-a'],
    ...rest,
  };
}

/** Creates an approval and redeems it: a DELIVERED approval with a card. */
export async function deliveredApproval(sandbox: TestSandbox, overrides: Parameters<typeof simpleApprovalBody>[1] = {}) {
  const created = await sandbox.call('POST', '/secure/approvals', simpleApprovalBody(sandbox.cardAliasId, overrides));
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const redeemed = await sandbox.call('POST', `/_sandbox/approvals/${created.body.id}/redeem`);
  if (redeemed.body.status !== 'DELIVERED') throw new Error(`redeem did not deliver: ${JSON.stringify(redeemed.body)}`);
  return redeemed.body as { id: string; cardId: number; status: string; [k: string]: any };
}
