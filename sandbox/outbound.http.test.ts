// Outbound calls: Verestro client certificate, the seeds' retry schedule (scaled), 3DS OTP and wallet bodies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retryDelayMs } from './outbound/schedule';
import { deliveredApproval, simpleApprovalBody, startTestSandbox, type TestSandbox } from './testing/harness';
import { startReceiver, waitFor } from './testing/receiver';

let sandbox: TestSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const SCALE = 0.0002; // 5 s → 1 ms, 15 min → 180 ms, 30 min → 360 ms, 2 h → 1.44 s

beforeAll(async () => {
  const probe = await startTestSandbox();
  await probe.stop();
  receiver = await startReceiver(probe.certs);
  sandbox = await startTestSandbox({
    retryScale: SCALE,
    webhookTimeoutMs: 300,
    webhookCaFile: probe.certs.sandboxCa,
    webhookUrls: { transactions: `${receiver.url}/events`, threeDs: `${receiver.url}/3ds`, wallet: `${receiver.url}/wallet` },
  });
});
afterAll(async () => {
  await sandbox?.stop();
  await receiver?.close();
});
beforeEach(async () => {
  await sandbox.call('POST', '/_sandbox/reset');
  receiver.calls.length = 0;
  receiver.setResponder(() => 204);
});

const deliveries = async () => (await sandbox.call('GET', '/_sandbox/deliveries')).body as Array<{ kind: string; url: string; body: any; attempt: number; status: number | null; error: string | null; at: string }>;

async function oneEvent() {
  const a = await deliveredApproval(sandbox);
  return sandbox.call('POST', '/_sandbox/transactions', { cardId: a.cardId, amountMinor: 100, merchantName: 'M', mcc: '5411', channel: 'POS' });
}

describe('retry schedule', () => {
  it('is 3 quick retries, then 15 min, 30 min and 2 h, then the call is dropped', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, 1))).toEqual([5_000, 5_000, 5_000, 900_000, 1_800_000, 7_200_000, null]);
    expect(retryDelayMs(4, 0.001)).toBe(900);
  });

  it('retries a failing endpoint 6 times on that schedule, records every attempt, then drops it', async () => {
    receiver.setResponder(() => 503);
    const tx = await oneEvent();
    const attempts = await waitFor(deliveries, (d) => d.length === 7, 8_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await deliveries()).toHaveLength(7);
    expect(attempts.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const d of attempts) {
      expect(d).toMatchObject({ kind: 'transaction', url: `${receiver.url}/events`, status: 503, error: 'HTTP 503', body: { transactionId: tx.body.id, type: 'PURCHASE' } });
    }
    const at = receiver.calls.map((c) => c.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    expect(gaps[0] + gaps[1] + gaps[2]).toBeLessThan(150);
    expect(gaps[3]).toBeGreaterThanOrEqual(175);
    expect(gaps[4]).toBeGreaterThanOrEqual(355);
    expect(gaps[5]).toBeGreaterThanOrEqual(1_435);
  }, 15_000);

  it('stops at the first 2xx', async () => {
    receiver.setResponder((_call, i) => (i < 2 ? 500 : 204));
    await oneEvent();
    const d = await waitFor(deliveries, (x) => x.length === 3);
    await new Promise((r) => setTimeout(r, 150));
    expect((await deliveries()).map((x) => [x.attempt, x.status, x.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 204, null],
    ]);
    expect(d).toHaveLength(3);
  });

  it('does not retry a 4xx answer', async () => {
    receiver.setResponder(() => 400);
    await oneEvent();
    await waitFor(deliveries, (x) => x.length === 1);
    await new Promise((r) => setTimeout(r, 150));
    expect((await deliveries()).map((x) => x.status)).toEqual([400]);
  });

  it('retries after a timeout and after a connection reset', async () => {
    receiver.setResponder((_call, i) => (i === 0 ? 'hang' : i === 1 ? 'reset' : 204));
    await oneEvent();
    const d = await waitFor(deliveries, (x) => x.length === 3, 5_000);
    expect(d[0]).toMatchObject({ attempt: 1, status: null, error: 'timeout' });
    expect(d[1]).toMatchObject({ attempt: 2, status: null });
    expect(d[1].error).toBeTruthy();
    expect(d[2]).toMatchObject({ attempt: 3, status: 204, error: null });
  });

  it('presents the Verestro-signed client certificate', async () => {
    await oneEvent();
    await waitFor(() => receiver.calls, (c) => c.length === 1);
    expect(receiver.calls[0]).toMatchObject({ clientCertIssuerCn: 'Verestro Sandbox CA' });
  });
});

describe('Full API notifications', () => {
  it('3DS OTP carries the card, its user, the amount and a 6-digit OTP', async () => {
    const user = await sandbox.call('POST', '/secure/users', { email: 'a@b.pl', phoneNumber: '48500600700', firstName: 'A', lastName: 'B', dateOfBirth: '1980-05-05', nationality: 'PL' });
    const { user: _u, ...rest } = simpleApprovalBody(sandbox.cardAliasId);
    const created = await sandbox.call('POST', '/secure/approvals', { ...rest, user: { id: user.body.id } });
    const approval = await waitFor(() => sandbox.call('GET', `/secure/approvals/${created.body.id}`), (r) => r.body.status === 'DELIVERED', 6_000);
    const sent = await sandbox.call('POST', '/_sandbox/webhooks/3ds-otp', { cardId: approval.body.cardId, amountMinor: 1234, merchantName: 'Shop' });
    expect(sent.status).toBe(202);
    const [call] = await waitFor(() => receiver.calls, (c) => c.length === 1);
    expect(call.path).toBe('/3ds');
    expect(call.body).toEqual({
      balanceId: sandbox.balanceId,
      currency: 'PLN',
      merchantName: 'Shop',
      otp: expect.stringMatching(/^\d{6}$/),
      cardId: approval.body.cardId,
      userId: user.body.id,
      amountMinor: 1234,
      cardLast4Digits: expect.stringMatching(/^\d{4}$/),
    });
  }, 10_000);

  it('wallet notifications carry activation fields only on ACTIVATION_CODE_DELIVERY', async () => {
    const a = await deliveredApproval(sandbox);
    await sandbox.call('POST', '/_sandbox/webhooks/wallet', { cardId: a.cardId, messageType: 'ACTIVATION_CODE_DELIVERY', tokenRequestorType: 'GOOGLE_PAY' });
    await sandbox.call('POST', '/_sandbox/webhooks/wallet', { cardId: a.cardId, messageType: 'TOKEN_ACTIVATED' });
    const calls = await waitFor(() => receiver.calls, (c) => c.length === 2);
    const byType = Object.fromEntries(calls.map((c) => [c.body.messageType, c.body]));
    expect(byType.ACTIVATION_CODE_DELIVERY).toEqual({
      cardLast4Digits: expect.stringMatching(/^\d{4}$/),
      tokenRequestorType: 'GOOGLE_PAY',
      messageType: 'ACTIVATION_CODE_DELIVERY',
      activationMethodType: 'SMS',
      activationMethodValue: '+48600100200',
      activationCode: expect.stringMatching(/^\d{6}$/),
      formFactor: 'PHONE',
      cardId: a.cardId,
    });
    expect(byType.TOKEN_ACTIVATED).toEqual({ cardLast4Digits: expect.any(String), tokenRequestorType: 'APPLE_PAY', messageType: 'TOKEN_ACTIVATED', formFactor: 'PHONE', cardId: a.cardId });
    const bad = await sandbox.call('POST', '/_sandbox/webhooks/wallet', { cardId: a.cardId, messageType: 'HELLO' });
    expect(bad.status).toBe(400);
  });

  it('answers 409 when no URL is configured', async () => {
    const bare = await startTestSandbox();
    try {
      const a = await deliveredApproval(bare);
      const res = await bare.call('POST', '/_sandbox/webhooks/3ds-otp', { cardId: a.cardId, amountMinor: 1, merchantName: 'M' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('WEBHOOK_NOT_CONFIGURED');
    } finally {
      await bare.stop();
    }
  });
});
