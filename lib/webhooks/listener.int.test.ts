import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { normalizeFingerprint, type RunningWebhookListener } from './listener';
import { startTestListener, webhookCaller } from './test-helpers';

// The listener over real TLS: who may call it, what it stores, and that a retry is stored once.

const event = () => ({ transactionId: randomUUID(), type: 'PURCHASE', timestamp: new Date().toISOString() });
const inboxRows = (transactionId: string) => db.webhookInbox.findMany({ where: { payload: { path: ['transactionId'], equals: transactionId } } });

describe('webhook listener: client certificates only (no Basic configured)', () => {
  let listener: RunningWebhookListener;
  beforeAll(async () => {
    listener = await startTestListener();
  });
  afterAll(() => listener.close());

  it('accepts a certificate from the Verestro CA and stores the event before replying', async () => {
    const caller = webhookCaller(listener.url, 'verestro');
    const body = event();
    const response = await caller.post('/transaction-event', body);
    await caller.close();
    expect(response.status).toBe(202);
    const rows = await inboxRows(body.transactionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'TRANSACTION', processedAt: null, attempts: 0 });
  });

  it('refuses the TLS handshake without a client certificate', async () => {
    const caller = webhookCaller(listener.url, 'none');
    const body = event();
    await expect(caller.post('/transaction-event', body)).rejects.toThrow();
    await caller.close();
    expect(await inboxRows(body.transactionId)).toHaveLength(0);
  });

  it('refuses a certificate signed by another CA (the Sparados CA that signs the panel client certificate)', async () => {
    const caller = webhookCaller(listener.url, 'sparados-ca');
    const body = event();
    await expect(caller.post('/transaction-event', body)).rejects.toThrow();
    await caller.close();
    expect(await inboxRows(body.transactionId)).toHaveLength(0);
  });

  it('refuses a certificate the CA signed but that is not a pinned sender; accepts it pinned by fingerprint', async () => {
    const other = await startTestListener({ pins: { subjects: ['another-sender.example'], fingerprints: [] } });
    try {
      const caller = webhookCaller(other.url, 'verestro');
      const body = event();
      const refused = await caller.post('/transaction-event', body);
      expect(refused).toMatchObject({ status: 403, body: { error: 'CLIENT_CERTIFICATE_NOT_ALLOWED' } });
      expect(await inboxRows(body.transactionId)).toHaveLength(0);
      await caller.close();
    } finally {
      await other.close();
    }
    const { X509Certificate } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const { certPaths } = await import('../../scripts/certs');
    const fingerprint = new X509Certificate(readFileSync(certPaths().webhookClientCert)).fingerprint256.replaceAll(':', '').toLowerCase();
    const byPrint = await startTestListener({ pins: { subjects: [], fingerprints: [normalizeFingerprint(fingerprint)] } });
    try {
      const caller = webhookCaller(byPrint.url, 'verestro');
      expect((await caller.post('/transaction-event', event())).status).toBe(202);
      await caller.close();
    } finally {
      await byPrint.close();
    }
  });

  it('stores a repeated delivery once and acknowledges both', async () => {
    const caller = webhookCaller(listener.url);
    const body = event();
    const replies = await Promise.all([caller.post('/transaction-event', body), caller.post('/transaction-event', body), caller.post('/transaction-event', body)]);
    await caller.close();
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(replies.filter((r) => r.headers['x-duplicate'] === '1')).toHaveLength(2);
    expect(await inboxRows(body.transactionId)).toHaveLength(1);
  });

  it('answers 204 to the Full API notifications and refuses invalid bodies with 400, without echoing values', async () => {
    const caller = webhookCaller(listener.url);
    const ok = await caller.post('/wallet', { cardId: 7, messageType: 'TOKEN_ACTIVATED', tokenRequestorType: 'APPLE_PAY', nonce: randomUUID() });
    expect(ok.status).toBe(204);
    const bad = await caller.post('/3ds-otp', { cardId: 7, otp: 'not a code!' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain('not a code!');
    expect((await caller.post('/transaction-event', '{nope')).status).toBe(400);
    expect((await caller.post('/nowhere', {})).status).toBe(404);
    // The Basic path does not exist while Basic is not configured.
    expect((await caller.post('/basic/transaction-event', event())).status).toBe(404);
    await caller.close();
  });

  it('replies well within 50 ms', async () => {
    const caller = webhookCaller(listener.url);
    await caller.post('/transaction-event', event()); // connection set up
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      const r = await caller.post('/transaction-event', event());
      times.push(performance.now() - started);
      expect(r.status).toBe(202);
    }
    await caller.close();
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.95)]).toBeLessThan(50);
  });
});

describe('webhook listener: THC over HTTP Basic when configured', () => {
  let listener: RunningWebhookListener;
  const basic = { user: 'thc', password: `pw-${randomUUID()}` };
  const auth = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
  beforeAll(async () => {
    listener = await startTestListener({ basic });
  });
  afterAll(() => listener.close());

  it('accepts the right credentials without a client certificate on /basic/transaction-event', async () => {
    const caller = webhookCaller(listener.url, 'none');
    const body = event();
    const response = await caller.post('/basic/transaction-event', body, auth(basic.user, basic.password));
    expect(response.status).toBe(202);
    expect(await inboxRows(body.transactionId)).toHaveLength(1);
    await caller.close();
  });

  it('refuses wrong or missing credentials with 401', async () => {
    const caller = webhookCaller(listener.url, 'none');
    const body = event();
    expect((await caller.post('/basic/transaction-event', body, auth(basic.user, 'wrong'))).status).toBe(401);
    const none = await caller.post('/basic/transaction-event', body);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    expect(await inboxRows(body.transactionId)).toHaveLength(0);
    await caller.close();
  });

  it('still demands a Verestro certificate on the other paths (403), and takes one', async () => {
    const anonymous = webhookCaller(listener.url, 'none');
    const foreign = webhookCaller(listener.url, 'sparados-ca');
    const verestro = webhookCaller(listener.url, 'verestro');
    const body = event();
    expect((await anonymous.post('/transaction-event', body, auth(basic.user, basic.password))).status).toBe(403);
    expect((await foreign.post('/transaction-event', body)).status).toBe(403);
    expect(await inboxRows(body.transactionId)).toHaveLength(0);
    expect((await verestro.post('/transaction-event', body)).status).toBe(202);
    await Promise.all([anonymous.close(), foreign.close(), verestro.close()]);
  });
});
