import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRuntime } from '@/lib/actions/run-action';
import { DEFAULT_MCC_CATEGORIES } from '@/lib/approvals/mcc';
import { saveApprovalFromSparados } from '@/lib/approvals/store';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { getSparadosClient } from '@/lib/sparados';
import { saveTransactions, toMirrorRow } from '@/lib/webhooks/mirror';
import { createTestUser } from '@/tests/support/users';
import { updateLowBalanceThreshold } from './actions';
import { monthPeriods } from './periods';
import { getDashboard } from './queries';
import type { DashboardData } from './view-types';

// Dashboard figures against known sandbox data: approvals and payments made in the sandbox (one of
// them last month, with the sandbox clock moved), mirrored with the webhook worker's own functions,
// then every figure checked exactly. The shared test database holds other files' rows too, so the
// database figures are checked as the change from a reading taken before; the balance, read from
// the sandbox (reset first), is checked absolutely.

const DAY = 86_400_000;
const TZ = 'Europe/Warsaw';
const run = randomUUID().slice(0, 6);
let sandbox: SandboxHarness;
let before: DashboardData;
let after: DashboardData;
let now: Date;
const made = { holderA: '', holderB: '', approvalA: '', approvalB: '', cardA: '', cardB: '' };
const amounts = { hotelPln: 0n };
let fixtureAvailable = 0;

const client = () => getSparadosClient();
const control = () => sandbox.control;

async function assign(lastName: string, endInDays: number, limits: Array<{ type: string; amountMinor: number | null; timeUnit: string }>, clockNow: number) {
  const body = sandbox.request({
    budgetMinor: 100_000,
    validityPeriod: { startDate: new Date(clockNow - DAY).toISOString(), endDate: new Date(Date.now() + endInDays * DAY).toISOString(), timezone: TZ },
    limits: limits as never,
  });
  body.user = { email: `dash-${lastName.toLowerCase()}-${run}@example.com`, prefix: '48', phone: '600700800', firstName: 'Dash', lastName: `${lastName}${run}` };
  const approval = await client().createApproval(body);
  const redeemed = await control().redeem(approval.id);
  expect(redeemed.status).toBe('DELIVERED');
  const saved = await saveApprovalFromSparados(await client().getApproval(approval.id));
  const card = await db.card.findUniqueOrThrow({ where: { id: saved.cardId } });
  return { approvalId: approval.id, panelCardId: saved.cardId, sparadosCardId: String(redeemed.cardId), holderId: card.cardholderId };
}

async function pay(cardId: string, amountMinor: number, merchantName: string, mcc: string, channel: 'POS' | 'ECOMMERCE' | 'ATM' = 'POS', currency?: string) {
  return control().call<{ id: string; type: string; status: string; declineReason?: string }>('POST', '/transactions', { cardId, amountMinor, merchantName, mcc, channel, ...(currency ? { currency, country: 'DE' } : {}) });
}

async function mirror(sparadosCardIds: string[]) {
  for (const cardId of sparadosCardIds) {
    const page = await client().listTransactions({ cardId, page: 0, size: 100 });
    expect(page.totalPages).toBeLessThanOrEqual(1);
    await saveTransactions(page.items.map(toMirrorRow));
  }
}

const sum = (d: DashboardData, pick: (d: DashboardData) => string | undefined) => BigInt(pick(d) ?? '0');
const month = (d: DashboardData) => d.spend.months.find((m) => m.currency === 'PLN')!;
const category = (d: DashboardData, key: string) => d.spend.byCategory.find((c) => c.key === key)?.amountMinor;
const today = (d: DashboardData) => d.spend.daily.at(-1)!.amountMinor;

beforeAll(async () => {
  sandbox = await sandboxHarness();
  await control().call('POST', '/reset');
  const corporation = await control().corporation();
  const account = corporation.balances.find((b) => b.cardAliasId === sandbox.cardAliasId)!;
  fixtureAvailable = account.availableMinor;
  now = new Date();
  before = await getDashboard({ now, categories: [...DEFAULT_MCC_CATEGORIES] });

  // Last month, 02:00 on its first day (Warsaw): one settled payment on card A.
  const lastMonthAt = monthPeriods(now, TZ).lastMonthStart.getTime() + 2 * 3_600_000;
  await control().call('POST', '/clock', { now: new Date(lastMonthAt).toISOString() });
  const a = await assign('Alpha', 3, [], lastMonthAt);
  const b = await assign('Bravo', 30, [{ type: 'atm', amountMinor: 0, timeUnit: 'daily' }], lastMonthAt);
  Object.assign(made, { holderA: a.holderId, holderB: b.holderId, approvalA: a.approvalId, approvalB: b.approvalId, cardA: a.panelCardId, cardB: b.panelCardId });
  const old = await pay(a.sparadosCardId, 7_700, `Orlen ${run}`, '5541');
  await control().call('POST', `/transactions/${old.id}/clear`);
  await control().call('POST', '/clock', { now: new Date().toISOString() });

  // This month.
  const fuel = await pay(a.sparadosCardId, 12_345, `Orlen ${run}`, '5541');
  await control().call('POST', `/transactions/${fuel.id}/clear`);
  await pay(a.sparadosCardId, 4_550, `Bistro ${run}`, '5812'); // stays pending
  const hotel = await pay(a.sparadosCardId, 10_000, `Hotel ${run}`, '7011', 'ECOMMERCE', 'EUR');
  await control().call('POST', `/transactions/${hotel.id}/clear`);
  const atm = await pay(b.sparadosCardId, 20_000, `ATM ${run}`, '6011', 'ATM');
  expect(atm).toMatchObject({ status: 'DECLINED', declineReason: 'ATM_LIMIT' });
  const reversed = await pay(b.sparadosCardId, 30_000, `Shop ${run}`, '5411');
  await control().call('POST', `/transactions/${reversed.id}/reverse`);
  const groceries = await pay(b.sparadosCardId, 5_000, `Grocer ${run}`, '5411');
  await control().call('POST', `/transactions/${groceries.id}/clear`);
  await control().call('POST', `/transactions/${groceries.id}/refund`, { amountMinor: 2_000 });
  // A change request waits for an answer.
  const request = await control().changeRequest(b.approvalId, { budgetMinor: 150_000 });
  await saveApprovalFromSparados(await client().getApproval(request.id));

  await mirror([a.sparadosCardId, b.sparadosCardId]);
  // What sync would do next: the approvals' available budgets after the spending.
  for (const id of [a.approvalId, b.approvalId]) await saveApprovalFromSparados(await client().getApproval(id));
  const hotelRow = await db.transaction.findFirstOrThrow({ where: { sparadosId: hotel.id, type: 'PURCHASE' } });
  amounts.hotelPln = hotelRow.amountMinor;
  after = await getDashboard({ now: new Date(), categories: [...DEFAULT_MCC_CATEGORIES] });
}, 120_000);

afterAll(async () => {
  // Back to the default threshold, so later suites (e2e shares this database) see no alert from here.
  await db.setting.deleteMany({ where: { key: 'alerts.lowBalanceMinor' } });
  await control().call('POST', '/reset');
  await sandbox.close();
});

describe('dashboard figures against the sandbox', () => {
  it('shows the sandbox balance with its currency and time of reading', async () => {
    const balance = after.balances.find((x) => x.cardAliasId === sandbox.cardAliasId)!;
    // Pending and settled payments and the refund move the sandbox balance; declined and reversed ones do not.
    const spent = 7_700n + 12_345n + 4_550n + amounts.hotelPln + 5_000n - 2_000n;
    expect(balance.currency).toBe('PLN');
    expect(BigInt(balance.reading!.availableMinor)).toBe(BigInt(fixtureAvailable) - spent);
    const live = (await control().corporation()).balances.find((x) => x.cardAliasId === sandbox.cardAliasId)!;
    expect(balance.reading!.availableMinor).toBe(String(live.availableMinor));
    expect(Date.parse(balance.reading!.readAt)).toBeGreaterThanOrEqual(now.getTime());
    expect(balance.error).toBeNull();
  });

  it('counts budget still available on the new DELIVERED cards as allocated', async () => {
    const approvals = await Promise.all([made.approvalA, made.approvalB].map((id) => client().getApproval(id)));
    const available = approvals.reduce((s, a) => s + BigInt(a.availableBudgetMinor ?? 0), 0n);
    // A: 100,000 − (77.00 + 123.45 + 45.50 + the hotel); B: 100,000 − (50.00 − 20.00 refunded).
    expect(available).toBe(200_000n - (7_700n + 12_345n + 4_550n + amounts.hotelPln) - 3_000n);
    const allocated = (d: DashboardData) => BigInt(d.balances.find((x) => x.cardAliasId === sandbox.cardAliasId)!.allocatedMinor);
    expect(allocated(after) - allocated(before)).toBe(available);
  });

  it('sums spend this month and last month, pending and settled, refunds subtracted', () => {
    const thisMonth = 12_345n + 4_550n + amounts.hotelPln + 5_000n - 2_000n;
    expect(sum(after, (d) => month(d).thisMonthMinor) - sum(before, (d) => month(d)?.thisMonthMinor)).toBe(thisMonth);
    expect(sum(after, (d) => month(d).lastMonthMinor) - sum(before, (d) => month(d)?.lastMonthMinor)).toBe(7_700n);
    expect(sum(after, (d) => month(d).lastMonthToDateMinor) - sum(before, (d) => month(d)?.lastMonthToDateMinor)).toBe(7_700n);
    expect(sum(after, today) - sum(before, today)).toBe(thisMonth);
    expect(after.spend.daily).toHaveLength(30);
  });

  it('splits this month by category and by cardholder', () => {
    const delta = (key: string) => sum(after, (d) => category(d, key)) - sum(before, (d) => category(d, key));
    expect(delta('fuel')).toBe(12_345n);
    expect(delta('restaurants')).toBe(4_550n);
    expect(delta('hotels')).toBe(amounts.hotelPln);
    expect(delta('groceries')).toBe(3_000n);
    const holder = (id: string) => after.spend.byCardholder.find((h) => h.holderId === id);
    expect(holder(made.holderA)).toEqual({ holderId: made.holderA, name: `Dash Alpha${run}`, amountMinor: String(12_345n + 4_550n + amounts.hotelPln) });
    expect(holder(made.holderB)?.amountMinor).toBe('3000');
  });

  it('counts the waiting change request, the card ending within 7 days and the decline of the last 24 hours', () => {
    expect(after.pendingRequests - before.pendingRequests).toBe(1);
    expect(after.expiring.count - before.expiring.count).toBe(1);
    expect(after.expiring.cards.some((c) => c.id === made.cardA) || after.expiring.count > 5).toBe(true);
    expect(after.declines24h.count - before.declines24h.count).toBe(1);
    const atm = (d: DashboardData) => d.declines24h.byReason.find((r) => r.reason === 'ATM_LIMIT')?.count ?? 0;
    expect(atm(after) - atm(before)).toBe(1);
  });
});

describe('low-balance alert', () => {
  function runtime(user: SessionUser): ActionRuntime {
    return { db, getUser: async () => user, getIp: async () => '198.51.100.7', revalidatePath: () => undefined };
  }

  it('an ADMIN sets the threshold; the balance under it raises the alert, over it does not', async () => {
    const admin = await createTestUser('ADMIN');
    const balance = BigInt(after.balances.find((x) => x.cardAliasId === sandbox.cardAliasId)!.reading!.availableMinor);
    const high = await runAction(updateLowBalanceThreshold.definition, { currency: 'PLN', amount: `${(balance + 100n) / 100n}.00` }, runtime(admin));
    expect(high).toMatchObject({ ok: true });
    const alerted = await getDashboard({ categories: [...DEFAULT_MCC_CATEGORIES] });
    expect(alerted.balances.find((x) => x.cardAliasId === sandbox.cardAliasId)!.reading!.belowThreshold).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'settings.low_balance_threshold', actorId: admin.id } })).toBe(1);

    const low = await runAction(updateLowBalanceThreshold.definition, { currency: 'PLN', amount: '1,000.00' }, runtime(admin));
    expect(low).toMatchObject({ ok: true, data: { thresholdMinor: 100_000 } });
    const calm = await getDashboard({ categories: [...DEFAULT_MCC_CATEGORIES] });
    expect(calm.thresholdMinor).toBe('100000');
    expect(calm.balances.find((x) => x.cardAliasId === sandbox.cardAliasId)!.reading!.belowThreshold).toBe(false);
  });

  it('refuses an OPERATOR and an amount it cannot read', async () => {
    const admin = await createTestUser('ADMIN');
    const operator = await createTestUser('OPERATOR');
    expect(await runAction(updateLowBalanceThreshold.definition, { currency: 'PLN', amount: '5' }, runtime(operator))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const bad = await runAction(updateLowBalanceThreshold.definition, { currency: 'PLN', amount: '12.345' }, runtime(admin));
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { amount: [expect.stringMatching(/2 decimal places/)] } });
  });
});
