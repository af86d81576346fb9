// Authorizations through the engine, settlement, refunds, balances and the THC API, with transaction events.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveredApproval, startTestSandbox, type TestSandbox } from './testing/harness';
import { startReceiver, waitFor } from './testing/receiver';

let sandbox: TestSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  const { certs } = await startTestSandbox().then(async (s) => {
    await s.stop();
    return s;
  });
  receiver = await startReceiver(certs);
  sandbox = await startTestSandbox({ webhookUrls: { transactions: `${receiver.url}/transaction-event` }, webhookCaFile: certs.sandboxCa });
});
afterAll(async () => {
  await sandbox?.stop();
  await receiver?.close();
});
beforeEach(async () => {
  await sandbox.call('POST', '/_sandbox/reset');
  receiver.calls.length = 0;
});

const pay = (cardId: number, amountMinor: number, extra: Record<string, unknown> = {}) =>
  sandbox.call('POST', '/_sandbox/transactions', { cardId, amountMinor, merchantName: 'Żabka', mcc: '5411', channel: 'POS', ...extra });

const balance = async () => (await sandbox.call('GET', `/secure/balances/${sandbox.balanceId}`)).body;

describe('authorizations', () => {
  it('authorizes, lowers the budget and the balance, and sends an event', async () => {
    const before = await balance();
    const a = await deliveredApproval(sandbox, { rules: { budgetMinor: 10_000 } });
    const res = await pay(a.cardId, 2_500);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'PURCHASE', status: 'AUTHORIZED' });
    const after = await balance();
    expect(after).toMatchObject({ id: sandbox.balanceId, currency: 'PLN', availableMinor: before.availableMinor - 2_500, blockedMinor: 2_500 });
    const approval = (await sandbox.call('GET', `/secure/approvals/${a.id}`)).body;
    expect(approval.rules).toMatchObject({ spentMinor: 2_500, availableBudgetMinor: 7_500 });
    const calls = await waitFor(() => receiver.calls, (c) => c.length === 1);
    expect(calls[0].path).toBe('/transaction-event');
    expect(calls[0].body).toEqual({ transactionId: res.body.id, type: 'PURCHASE', timestamp: expect.any(String) });
    expect(calls[0].clientCertIssuerCn).toBe('Verestro Sandbox CA');
  });

  it('declines by the card rules and records the decline without touching money', async () => {
    const before = await balance();
    const a = await deliveredApproval(sandbox, { rules: { budgetMinor: 1_000, limits: [{ type: 'mcc_blacklist', amountMinor: 0, timeUnit: 'monthly', mccList: ['7995'] }, { type: 'atm', amountMinor: 0, timeUnit: 'monthly' }] } });
    expect((await pay(a.cardId, 1_001)).body).toMatchObject({ status: 'DECLINED', declineReason: 'INSUFFICIENT_BUDGET' });
    expect((await pay(a.cardId, 100, { mcc: '7995' })).body).toMatchObject({ status: 'DECLINED', declineReason: 'MCC_BLOCKED' });
    expect((await pay(a.cardId, 100, { channel: 'ATM', mcc: '6011' })).body).toMatchObject({ type: 'WITHDRAWAL', status: 'DECLINED', declineReason: 'ATM_LIMIT' });
    await sandbox.call('PUT', `/secure/approvals/${a.id}/lock`);
    expect((await pay(a.cardId, 100)).body).toMatchObject({ status: 'DECLINED', declineReason: 'CARD_LOCKED' });
    await sandbox.call('PUT', `/secure/approvals/${a.id}/unlock`);
    await sandbox.call('PUT', `/secure/approvals/${a.id}/unassign`);
    expect((await pay(a.cardId, 100)).body).toMatchObject({ status: 'DECLINED', declineReason: 'APPROVAL_NOT_ACTIVE' });
    expect(await balance()).toMatchObject({ availableMinor: before.availableMinor, blockedMinor: 0 });
    const declined = await sandbox.call('GET', `/thc/transactions?status=DECLINED&cardId=${a.cardId}`);
    expect(declined.body.totalElements).toBe(5);
  });

  it('converts foreign currencies into the balance currency', async () => {
    const a = await deliveredApproval(sandbox);
    const res = await pay(a.cardId, 1_000, { currency: 'EUR', country: 'DE' });
    const t = (await sandbox.call('GET', `/thc/transactions/${res.body.id}?type=PURCHASE`)).body;
    expect(t).toMatchObject({ originalAmountMinor: 1_000, originalCurrency: 'EUR', currency: 'PLN', merchantCountry: 'DE' });
    expect(t.amountMinor).toBeGreaterThan(1_000);
  });

  it('validates the authorization request', async () => {
    const res = await sandbox.call('POST', '/_sandbox/transactions', { cardId: 'x', amountMinor: 1.5, currency: 'XXX', merchantName: '', mcc: '54', channel: 'NFC' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amountMinor', 'cardId', 'channel', 'currency', 'mcc', 'merchantName']);
    expect((await pay(424242, 100)).status).toBe(404);
  });
});

describe('settlement and refunds', () => {
  it('AUTHORIZED → CLEARED keeps the spend and releases the block; refunds are negative and return money', async () => {
    const before = await balance();
    const a = await deliveredApproval(sandbox, { rules: { budgetMinor: 10_000 } });
    const auth = await pay(a.cardId, 4_000);
    const cleared = await sandbox.call('POST', `/_sandbox/transactions/${auth.body.id}/clear`);
    expect(cleared.body).toMatchObject({ id: auth.body.id, status: 'CLEARED' });
    expect(await balance()).toMatchObject({ availableMinor: before.availableMinor - 4_000, blockedMinor: 0 });
    expect((await sandbox.call('POST', `/_sandbox/transactions/${auth.body.id}/reverse`)).status).toBe(409);
    const refund = await sandbox.call('POST', `/_sandbox/transactions/${auth.body.id}/refund`, { amountMinor: 1_500 });
    expect(refund.body).toEqual({ id: auth.body.id, type: 'REFUND', status: 'CLEARED' });
    expect((await sandbox.call('POST', `/_sandbox/transactions/${auth.body.id}/refund`)).status).toBe(409);
    const r = (await sandbox.call('GET', `/thc/transactions/${auth.body.id}?type=REFUND`)).body;
    expect(r).toMatchObject({ type: 'REFUND', amountMinor: -1_500, originalAmountMinor: -1_500 });
    expect(await balance()).toMatchObject({ availableMinor: before.availableMinor - 2_500 });
    expect((await sandbox.call('GET', `/secure/approvals/${a.id}`)).body.rules.spentMinor).toBe(2_500);
    // authorization, clearing, refund; the refused reversal and refund send nothing.
    const events = await waitFor(() => receiver.calls, (c) => c.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((c) => c.body.type)).toEqual(['PURCHASE', 'PURCHASE', 'REFUND']);
    expect(new Set(events.map((c) => c.body.transactionId))).toEqual(new Set([auth.body.id]));
  });

  it('AUTHORIZED → REVERSED gives the money and the budget back', async () => {
    const before = await balance();
    const a = await deliveredApproval(sandbox, { rules: { budgetMinor: 10_000 } });
    const auth = await pay(a.cardId, 4_000);
    expect((await sandbox.call('POST', `/_sandbox/transactions/${auth.body.id}/refund`)).status).toBe(409);
    expect((await sandbox.call('POST', `/_sandbox/transactions/${auth.body.id}/reverse`)).body.status).toBe('REVERSED');
    expect(await balance()).toMatchObject({ availableMinor: before.availableMinor, blockedMinor: 0 });
    expect((await sandbox.call('GET', `/secure/approvals/${a.id}`)).body.rules.spentMinor).toBe(0);
    expect((await sandbox.call('POST', '/_sandbox/transactions/00000000-0000-4000-8000-000000000000/clear')).status).toBe(404);
  });
});

describe('balances', () => {
  it('takes the balanceId, never the Card Alias ID', async () => {
    expect((await sandbox.call('GET', `/secure/balances/${sandbox.balanceId}`)).status).toBe(200);
    const alias = await sandbox.call('GET', `/secure/balances/${sandbox.cardAliasId}`);
    expect(alias.status).toBe(404);
    expect(alias.body.message).toMatch(/Card Alias ID/);
  });
});

describe('THC', () => {
  it('lists newest first with filters on date range, status, type and card, in Spring pages', async () => {
    const a = await deliveredApproval(sandbox);
    const b = await deliveredApproval(sandbox);
    const t1 = await pay(a.cardId, 100);
    await sandbox.call('POST', '/_sandbox/clock', { advanceMs: 3_600_000 });
    const t2 = await pay(a.cardId, 200);
    await sandbox.call('POST', `/_sandbox/transactions/${t2.body.id}/clear`);
    await sandbox.call('POST', `/_sandbox/transactions/${t2.body.id}/refund`);
    const t3 = await pay(b.cardId, 300, { channel: 'ATM', mcc: '6011' });
    const all = (await sandbox.call('GET', '/thc/transactions')).body;
    expect(all).toMatchObject({ page: 0, size: 20, totalElements: 4, totalPages: 1 });
    expect(all.content.map((t: { id: string; type: string }) => `${t.id}:${t.type}`)).toEqual([
      `${t3.body.id}:WITHDRAWAL`,
      `${t2.body.id}:REFUND`,
      `${t2.body.id}:PURCHASE`,
      `${t1.body.id}:PURCHASE`,
    ]);
    const ids = async (q: string) => (await sandbox.call('GET', `/thc/transactions?${q}`)).body.content.map((t: { id: string }) => t.id);
    expect(await ids(`cardId=${b.cardId}`)).toEqual([t3.body.id]);
    expect(await ids('type=PURCHASE')).toEqual([t2.body.id, t1.body.id]);
    expect(await ids('status=CLEARED&type=PURCHASE')).toEqual([t2.body.id]);
    // Documented types the sandbox never produces filter to an empty page, not a 400; unknown ones are refused.
    for (const type of ['FEE', 'PAYMENT', 'PAYMENT,FEE']) {
      const none = await sandbox.call('GET', `/thc/transactions?type=${type}`);
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ content: [], totalElements: 0 });
    }
    expect(await ids('type=FEE,REFUND')).toEqual([t2.body.id]);
    const unknownType = await sandbox.call('GET', '/thc/transactions?type=CASHBACK');
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors).toEqual([expect.objectContaining({ field: 'type', message: expect.stringContaining('CASHBACK') })]);
    const t1At = all.content[3].createdAt;
    expect(await ids(`dateTo=${encodeURIComponent(new Date(Date.parse(t1At) + 1).toISOString())}`)).toEqual([t1.body.id]);
    expect(await ids(`dateFrom=${encodeURIComponent(new Date(Date.parse(t1At) + 1).toISOString())}`)).toHaveLength(3);
    const page1 = (await sandbox.call('GET', '/thc/transactions?page=1&size=3')).body;
    expect(page1).toMatchObject({ page: 1, size: 3, totalElements: 4, totalPages: 2 });
    expect(page1.content).toHaveLength(1);
    const bad = await sandbox.call('GET', '/thc/transactions?dateFrom=yesterday&status=PAID&page=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dateFrom', 'page', 'status']);
  });

  it('gets one transaction by id and type', async () => {
    const a = await deliveredApproval(sandbox);
    const t = await pay(a.cardId, 100, { merchantName: 'Cafe', mcc: '5812' });
    const got = await sandbox.call('GET', `/thc/transactions/${t.body.id}?type=PURCHASE`);
    expect(got.body).toMatchObject({
      id: t.body.id,
      type: 'PURCHASE',
      status: 'AUTHORIZED',
      amountMinor: 100,
      currency: 'PLN',
      merchantName: 'Cafe',
      mcc: '5812',
      cardId: a.cardId,
      cardLast4Digits: expect.stringMatching(/^\d{4}$/),
      balanceId: sandbox.balanceId,
      approvalId: a.id,
      declineReason: null,
    });
    expect((await sandbox.call('GET', `/thc/transactions/${t.body.id}`)).body.id).toBe(t.body.id);
    expect((await sandbox.call('GET', `/thc/transactions/${t.body.id}?type=REFUND`)).status).toBe(404);
    expect((await sandbox.call('GET', `/thc/transactions/${t.body.id}?type=NOPE`)).status).toBe(400);
    // FEE and PAYMENT are documented types: the sandbox has none with this id, so 404, not 400.
    expect((await sandbox.call('GET', `/thc/transactions/${t.body.id}?type=FEE`)).status).toBe(404);
    expect((await sandbox.call('GET', `/thc/transactions/${t.body.id}?type=PAYMENT`)).status).toBe(404);
  });
});
