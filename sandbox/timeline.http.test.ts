// The sandbox clock and what time does: start and end dates, lapsed reapprovals, end-user e-mails.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveredApproval, simpleApprovalBody, startTestSandbox, type TestSandbox } from './testing/harness';
import { waitFor } from './testing/receiver';

const DAY = 86_400_000;
const REAPPROVAL_EXPIRY_MS = 2 * 3_600_000;
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ reapprovalExpiryMs: REAPPROVAL_EXPIRY_MS });
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.call('POST', '/_sandbox/reset');
});

const now = async () => Date.parse((await sandbox.call('GET', '/_sandbox/clock')).body.now);
const advance = (advanceMs: number) => sandbox.call('POST', '/_sandbox/clock', { advanceMs });
const get = async (id: string) => (await sandbox.call('GET', `/secure/approvals/${id}`)).body;
const emailsOf = async (id: string) =>
  ((await sandbox.call('GET', '/_sandbox/emails')).body as Array<{ template: string; approvalId: string; to: string; at: string }>).filter((e) => e.approvalId === id);

function period(startInMs: number, endInMs: number, base = Date.now()) {
  return { validityPeriod: { startDate: new Date(base + startInMs).toISOString(), endDate: new Date(base + endInMs).toISOString(), timezone: 'Europe/Warsaw' } };
}

describe('clock', () => {
  it('reads, advances, jumps to an instant and keeps running', async () => {
    const t0 = await now();
    expect(Math.abs(t0 - Date.now())).toBeLessThan(1_000);
    const moved = await advance(DAY);
    expect(Date.parse(moved.body.now) - t0).toBeGreaterThanOrEqual(DAY);
    const target = '2031-03-01T12:00:00.000Z';
    expect((await sandbox.call('POST', '/_sandbox/clock', { now: target })).body.now.slice(0, 16)).toBe(target.slice(0, 16));
    await new Promise((r) => setTimeout(r, 30));
    expect(await now()).toBeGreaterThan(Date.parse(target));
    for (const bad of [{}, { advanceMs: 1, now: target }, { advanceMs: 1.5 }, { now: 'soon' }]) {
      expect((await sandbox.call('POST', '/_sandbox/clock', bad)).status).toBe(400);
    }
    await sandbox.call('POST', '/_sandbox/reset');
    expect(Math.abs((await now()) - Date.now())).toBeLessThan(1_000);
  });
});

describe('time-based transitions', () => {
  it('PREPARED → DELIVERED at the start date, with the card generated then', async () => {
    const created = (await sandbox.call('POST', '/secure/approvals', simpleApprovalBody(sandbox.cardAliasId, { rules: period(2 * DAY, 10 * DAY) }))).body;
    const redeemed = await sandbox.call('POST', `/_sandbox/approvals/${created.id}/redeem`);
    expect(redeemed.body).toMatchObject({ status: 'PREPARED', cardId: null });
    await advance(DAY);
    expect((await get(created.id)).status).toBe('PREPARED');
    await advance(DAY + 1_000);
    const delivered = await get(created.id);
    expect(delivered.status).toBe('DELIVERED');
    expect(Number.isInteger(delivered.cardId)).toBe(true);
    expect((await emailsOf(created.id)).map((e) => e.template)).toEqual(['BC_USER_PENDING_CARD', 'BC_USER_NEW_CARD']);
  });

  it('DELIVERED: BC_USER_CARD_EXPIRING one day before the end, then FINISHED and BC_USER_CARD_EXPIRED at the end', async () => {
    const base = Date.now();
    const a = await deliveredApproval(sandbox, { rules: period(-DAY, 5 * DAY, base) });
    const end = base + 5 * DAY;
    await advance(3 * DAY);
    expect((await emailsOf(a.id)).map((e) => e.template)).not.toContain('BC_USER_CARD_EXPIRING');
    await advance(DAY + 60_000);
    const expiring = (await emailsOf(a.id)).filter((e) => e.template === 'BC_USER_CARD_EXPIRING');
    expect(expiring).toHaveLength(1);
    expect(expiring[0]).toMatchObject({ to: 'anna.nowak@example.com', at: new Date(end - DAY).toISOString() });
    expect((await get(a.id)).status).toBe('DELIVERED');
    await advance(DAY);
    expect((await get(a.id)).status).toBe('FINISHED');
    const all = await emailsOf(a.id);
    expect(all.map((e) => e.template)).toEqual(['BC_USER_PENDING_CARD', 'BC_USER_NEW_CARD', 'BC_USER_CARD_EXPIRING', 'BC_USER_CARD_EXPIRED']);
    expect(all[3].at).toBe(new Date(end).toISOString());
    const spend = await sandbox.call('POST', '/_sandbox/transactions', { cardId: a.cardId, amountMinor: 1, merchantName: 'M', mcc: '5411', channel: 'POS' });
    expect(spend.body).toMatchObject({ status: 'DECLINED', declineReason: 'APPROVAL_NOT_ACTIVE' });
  });

  it('a jump past the end sends both e-mails in order', async () => {
    const a = await deliveredApproval(sandbox, { rules: period(-DAY, 3 * DAY) });
    await advance(10 * DAY);
    expect((await get(a.id)).status).toBe('FINISHED');
    expect((await emailsOf(a.id)).map((e) => e.template).slice(-2)).toEqual(['BC_USER_CARD_EXPIRING', 'BC_USER_CARD_EXPIRED']);
  });

  it('ACCEPTED → EXPIRED when never redeemed before the end date', async () => {
    const created = (await sandbox.call('POST', '/secure/approvals', simpleApprovalBody(sandbox.cardAliasId, { rules: period(-DAY, 2 * DAY) }))).body;
    await advance(DAY);
    expect((await get(created.id)).status).toBe('ACCEPTED');
    await advance(DAY + 1_000);
    expect((await get(created.id)).status).toBe('EXPIRED');
    expect((await sandbox.call('POST', `/_sandbox/approvals/${created.id}/redeem`)).status).toBe(409);
  });

  it('CREATED reapprovals → EXPIRED after the configured time', async () => {
    const a = await deliveredApproval(sandbox);
    const r = (await sandbox.call('POST', `/_sandbox/approvals/${a.id}/change-request`, { budgetMinor: 500_000 })).body;
    await advance(REAPPROVAL_EXPIRY_MS - 60_000);
    expect((await get(r.id)).status).toBe('CREATED');
    await advance(61_000);
    expect((await get(r.id)).status).toBe('EXPIRED');
    expect((await get(a.id)).status).toBe('DELIVERED');
    // The user may ask again once the first request lapsed.
    expect((await sandbox.call('POST', `/_sandbox/approvals/${a.id}/change-request`, { budgetMinor: 1 })).status).toBe(201);
  });

  it('runs on its own timer too, without a clock move', async () => {
    const created = (await sandbox.call('POST', '/secure/approvals', simpleApprovalBody(sandbox.cardAliasId, { rules: period(1_200, DAY) }))).body;
    await sandbox.call('POST', `/_sandbox/approvals/${created.id}/redeem`);
    await waitFor(() => get(created.id), (a) => a.status === 'DELIVERED', 4_000);
  }, 10_000);
});

describe('e-mails on corporation actions', () => {
  it('BC_USER_CARD_LOCKED on lock, BC_USER_CARD_DELETED on unassign and on cancel', async () => {
    const a = await deliveredApproval(sandbox);
    await sandbox.call('PUT', `/secure/approvals/${a.id}/lock`);
    await sandbox.call('PUT', `/secure/approvals/${a.id}/unlock`);
    await sandbox.call('PUT', `/secure/approvals/${a.id}/unassign`);
    expect((await emailsOf(a.id)).map((e) => e.template)).toEqual(['BC_USER_PENDING_CARD', 'BC_USER_NEW_CARD', 'BC_USER_CARD_LOCKED', 'BC_USER_CARD_DELETED']);
    const b = (await sandbox.call('POST', '/secure/approvals', simpleApprovalBody(sandbox.cardAliasId))).body;
    await sandbox.call('PUT', `/secure/approvals/${b.id}/cancel`);
    expect((await emailsOf(b.id)).map((e) => e.template)).toEqual(['BC_USER_PENDING_CARD', 'BC_USER_CARD_DELETED']);
  });
});
