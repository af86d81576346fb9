import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { startWorker, type RunningWorker } from '@/lib/jobs/worker';
import { createNotifier, type CodeDelivery } from '@/lib/notify';
import type { Channel } from '@/lib/notify/notifier';
import { webhookInboxJob } from './jobs';
import type { RunningWebhookListener } from './listener';
import { saveTransactions, toMirrorRow } from './mirror';
import { drainInbox } from './process-inbox';
import { reconcileTransactions } from './reconcile';
import { startOwnSandbox, startTestListener, TEST_SEAL_KEY, webhookCaller, type OwnSandbox } from './test-helpers';

// From Sparados to the mirror against real services: a sandbox of our own that sends its events to
// the real listener, the inbox in the test database, and the worker's processing.

/** Channels that record what they were given; `failures` makes a channel refuse its first sends with the code in the reason. */
function recordingNotifier(names: Array<'email' | 'sms'> = ['email'], failures: Partial<Record<'email' | 'sms', number>> = {}) {
  const sent: Array<CodeDelivery & { channel: string; to: string }> = [];
  const channels: Channel[] = names.map((name) => ({
    name,
    addressFor: (m) => (name === 'email' ? m.recipient.email : m.recipient.phone),
    async send(m, to) {
      if ((failures[name] ?? 0) > 0) {
        failures[name]! -= 1;
        throw new Error(`550 rejected message containing ${m.code}`);
      }
      sent.push({ ...m, channel: name, to });
    },
  }));
  return { notifier: createNotifier(channels), sent };
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    await sleep(50);
  }
}

const mirrored = (sparadosId: string, type = 'PURCHASE') => db.transaction.findUnique({ where: { sparadosId_type: { sparadosId, type } } });
const inboxFor = (transactionId: string) => db.webhookInbox.findMany({ where: { payload: { path: ['transactionId'], equals: transactionId } } });

async function panelCard(sparadosCardId: string) {
  const tag = randomUUID().slice(0, 8);
  const holder = await db.cardholder.create({ data: { email: `holder-${tag}@int.test`, phonePrefix: '48', phoneNumber: `6${Date.now() % 100_000_000}`, firstName: 'Ola', lastName: `Test ${tag}` } });
  // Other test files' sandboxes number their cards from 1 too: the newest card with the id wins.
  return db.card.create({ data: { cardholderId: holder.id, sparadosCardId, description: `webhook test ${tag}` } });
}

describe('events delivered by the sandbox', () => {
  let listener: RunningWebhookListener;
  let sandbox: OwnSandbox;
  beforeAll(async () => {
    listener = await startTestListener();
    sandbox = await startOwnSandbox(listener);
  });
  afterAll(async () => {
    await sandbox.close();
    await listener.close();
  });

  it('end to end: an authorization in the sandbox becomes a mirrored transaction linked to its card, via the worker job', async () => {
    const { cardId } = await sandbox.newCard();
    const card = await panelCard(cardId);
    const auth = await sandbox.authorize(cardId, 4_321, { merchantName: 'Kiosk Ruch', mcc: '5994' });
    expect(auth.status).toBe('AUTHORIZED');
    await until(() => inboxFor(auth.id), (rows) => rows.length === 1);

    // The registered job, with its client pointed at this test's sandbox.
    const worker: RunningWorker = await startWorker({
      jobs: [{ ...webhookInboxJob, handler: (_d: unknown, { signal }: { signal: AbortSignal }) => drainInbox({ client: sandbox.client, signal }) }],
      log: () => undefined,
    });
    try {
      const row = await until(() => mirrored(auth.id), (r) => r !== null);
      expect(row).toMatchObject({ status: 'AUTHORIZED', amountMinor: 4_321n, merchantName: 'Kiosk Ruch', mcc: '5994', sparadosCardId: cardId, cardId: card.id });
      await sandbox.control.call('POST', `/transactions/${auth.id}/clear`);
      await until(() => mirrored(auth.id), (r) => r?.status === 'CLEARED');
      // The rows are marked done just after the batch is saved.
      const rows = await until(() => inboxFor(auth.id), (list) => list.every((r) => r.processedAt !== null));
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.error === null)).toBe(true);
    } finally {
      await worker.stop(5_000);
    }
  });

  it('a late AUTHORIZED event after CLEARED leaves the transaction CLEARED; duplicates are stored once', async () => {
    const { cardId } = await sandbox.newCard();
    const auth = await sandbox.authorize(cardId, 1_000);
    await sandbox.control.call('POST', `/transactions/${auth.id}/clear`);
    await until(() => inboxFor(auth.id), (rows) => rows.length === 2);
    const [authorizedEvent, clearedEvent] = (await inboxFor(auth.id)).sort((a, b) => Number(a.id - b.id));
    // Replay both again, the CLEARED one first, as a retry schedule may.
    const caller = webhookCaller(listener.url);
    expect((await caller.post('/transaction-event', clearedEvent!.payload)).headers['x-duplicate']).toBe('1');
    expect((await caller.post('/transaction-event', authorizedEvent!.payload)).headers['x-duplicate']).toBe('1');
    await caller.close();
    expect(await inboxFor(auth.id)).toHaveLength(2);

    await drainInbox({ client: sandbox.client });
    expect((await mirrored(auth.id))?.status).toBe('CLEARED');

    // A reading taken while it was still AUTHORIZED, saved after the CLEARED one: refused.
    const stale = toMirrorRow(await sandbox.client.getTransaction(auth.id, 'PURCHASE'));
    const result = await saveTransactions([{ ...stale, status: 'AUTHORIZED', statusRaw: 'AUTHORIZED', sparadosUpdatedAt: new Date(stale.sparadosUpdatedAt.getTime() + 60_000) }]);
    expect(result).toEqual({ inserted: 0, updated: 0, ignored: 1 });
    expect((await mirrored(auth.id))?.status).toBe('CLEARED');
  });

  it('delivers a 3DS OTP through the notifier and keeps it only masked, never in a log or the database', async () => {
    const { cardId } = await sandbox.newCard();
    const card = await panelCard(cardId);
    const printed: string[] = [];
    const capture = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    const spies = [vi.spyOn(console, 'log').mockImplementation(capture), vi.spyOn(console, 'error').mockImplementation(capture), vi.spyOn(console, 'warn').mockImplementation(capture), vi.spyOn(console, 'info').mockImplementation(capture)];
    const { notifier, sent } = recordingNotifier();
    try {
      const before = await db.webhookInbox.count({ where: { kind: 'THREE_DS_OTP' } });
      await sandbox.control.call('POST', '/webhooks/3ds-otp', { cardId: Number(cardId), amountMinor: 12_30, merchantName: 'Sklep Online' });
      await until(() => db.webhookInbox.count({ where: { kind: 'THREE_DS_OTP' } }), (n) => n === before + 1);
      await drainInbox({ client: sandbox.client, notifier, sealKey: TEST_SEAL_KEY });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(sent).toHaveLength(1);
    const otp = sent[0]!.code;
    expect(otp).toMatch(/^\d{6}$/);
    expect(sent[0]).toMatchObject({ kind: 'THREE_DS_OTP', card: { sparadosCardId: cardId } });
    expect(sent[0]!.context).toContain('Sklep Online');

    const notification = await db.notification.findFirstOrThrow({ where: { cardId: card.id, kind: 'THREE_DS_OTP' } });
    expect(notification).toMatchObject({ status: 'SENT', channel: 'email', codeMasked: `••••${otp.slice(-2)}`, recipientMasked: expect.stringMatching(/^.•••@/) });
    const inbox = await db.webhookInbox.findUniqueOrThrow({ where: { id: notification.inboxId } });
    expect(inbox.sealedSecret).toBeNull();
    expect(inbox.processedAt).not.toBeNull();
    expect(JSON.stringify(inbox.payload)).not.toContain(otp);
    expect(JSON.stringify({ ...notification, inboxId: String(notification.inboxId) })).not.toContain(otp);
    const [anywhere] = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "WebhookInbox" w WHERE w."payload"::text LIKE ${`%${otp}%`} OR w."dedupeKey" LIKE ${`%${otp}%`}`;
    expect(anywhere!.n).toBe(0n);
    expect(printed.join('\n')).not.toContain(otp);
  });

  it('delivers a wallet activation code once, and records a wallet message without a code', async () => {
    const { cardId } = await sandbox.newCard();
    const card = await panelCard(cardId);
    const { notifier, sent } = recordingNotifier();
    await sandbox.control.call('POST', '/webhooks/wallet', { cardId: Number(cardId), messageType: 'ACTIVATION_CODE_DELIVERY', tokenRequestorType: 'GOOGLE_PAY' });
    await sandbox.control.call('POST', '/webhooks/wallet', { cardId: Number(cardId), messageType: 'TOKEN_ACTIVATED', tokenRequestorType: 'GOOGLE_PAY' });
    await until(() => db.webhookInbox.count({ where: { kind: 'WALLET', processedAt: null } }), (n) => n >= 2);
    await drainInbox({ client: sandbox.client, notifier, sealKey: TEST_SEAL_KEY });
    await drainInbox({ client: sandbox.client, notifier, sealKey: TEST_SEAL_KEY });
    expect(sent.map((m) => m.kind)).toEqual(['WALLET_ACTIVATION_CODE']);
    // The sandbox sends the two events concurrently, so they may arrive in either order; order by kind.
    const notes = await db.notification.findMany({ where: { cardId: card.id }, orderBy: { kind: 'asc' } });
    expect(notes.map((n) => [n.kind, n.status])).toEqual([
      ['WALLET_ACTIVATION_CODE', 'SENT'],
      ['WALLET_MESSAGE', 'RECORDED'],
    ]);
    expect(notes[0]!.codeMasked).toBe(`••••${sent[0]!.code.slice(-2)}`);
  });

  it('sends a wallet code where Sparados asked (SMS to the given number), falling back to e-mail when SMS fails', async () => {
    const { cardId } = await sandbox.newCard();
    const card = await panelCard(cardId);
    const { notifier, sent } = recordingNotifier(['email', 'sms'], { sms: 1 });
    const before = await db.webhookInbox.count({ where: { kind: 'WALLET' } });
    await sandbox.control.call('POST', '/webhooks/wallet', { cardId: Number(cardId), messageType: 'ACTIVATION_CODE_DELIVERY', tokenRequestorType: 'APPLE_PAY' });
    await until(() => db.webhookInbox.count({ where: { kind: 'WALLET' } }), (n) => n === before + 1);
    await drainInbox({ client: sandbox.client, notifier, sealKey: TEST_SEAL_KEY });
    expect(sent.map((m) => m.channel)).toEqual(['email']);
    const tries = await db.notification.findMany({ where: { cardId: card.id, kind: 'WALLET_ACTIVATION_CODE' }, orderBy: { createdAt: 'asc' } });
    expect(tries.map((t) => [t.channel, t.status])).toEqual(
      expect.arrayContaining([
        ['sms', 'FAILED'],
        ['email', 'SENT'],
      ]),
    );
    const sms = tries.find((t) => t.channel === 'sms')!;
    expect(sms.recipientMasked).toMatch(/^\+\d{2}•+\d{3}$/);
    expect(sms.error).toContain('550 rejected message containing ••••');
    expect(sms.error).not.toContain(sent[0]!.code);
  });

  it('keeps a code no channel takes as failed tries without the code, retries it later, and sends it then', async () => {
    const { cardId } = await sandbox.newCard();
    const card = await panelCard(cardId);
    const { notifier, sent } = recordingNotifier(['email'], { email: 1 });
    const before = await db.webhookInbox.count({ where: { kind: 'THREE_DS_OTP' } });
    await sandbox.control.call('POST', '/webhooks/3ds-otp', { cardId: Number(cardId), amountMinor: 45_00, merchantName: 'Hotel' });
    await until(() => db.webhookInbox.count({ where: { kind: 'THREE_DS_OTP' } }), (n) => n === before + 1);

    const first = await drainInbox({ client: sandbox.client, notifier, sealKey: TEST_SEAL_KEY });
    expect(first.failed).toBe(1);
    const failed = await db.notification.findFirstOrThrow({ where: { cardId: card.id, kind: 'THREE_DS_OTP' } });
    expect(failed).toMatchObject({ status: 'FAILED', channel: 'email', attempt: 1 });
    const row = await db.webhookInbox.findUniqueOrThrow({ where: { id: failed.inboxId } });
    expect(row.processedAt).toBeNull();
    expect(row.sealedSecret).not.toBeNull();
    expect(row.error).toMatch(/^email: 550 rejected message containing ••••/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // The backoff has passed.
    await db.webhookInbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await drainInbox({ client: sandbox.client, notifier, sealKey: TEST_SEAL_KEY });
    expect(sent).toHaveLength(1);
    const tries = await db.notification.findMany({ where: { inboxId: row.id }, orderBy: { attempt: 'asc' } });
    expect(tries.map((t) => [t.attempt, t.status])).toEqual([
      [1, 'FAILED'],
      [2, 'SENT'],
    ]);
    expect(JSON.stringify(tries, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(sent[0]!.code);
    expect((await db.webhookInbox.findUniqueOrThrow({ where: { id: row.id } })).sealedSecret).toBeNull();
  });
});

describe('reconcile', () => {
  let sandbox: OwnSandbox;
  beforeAll(async () => {
    // No webhook URL: Sparados never tells the panel about these transactions.
    sandbox = await startOwnSandbox(null);
  });
  afterAll(() => sandbox.close());

  it('finds transactions whose events never arrived, and is idempotent', async () => {
    const { cardId } = await sandbox.newCard();
    const a = await sandbox.authorize(cardId, 2_500);
    const b = await sandbox.authorize(cardId, 99_999_999_999, { merchantName: 'Too Much' });
    expect(b.status).toBe('DECLINED');
    await sandbox.control.call('POST', `/transactions/${a.id}/clear`);
    await sandbox.control.call('POST', `/transactions/${a.id}/refund`, {});
    expect(await mirrored(a.id)).toBeNull();

    const first = await reconcileTransactions({ client: sandbox.client });
    expect(first.complete).toBe(true);
    expect(await mirrored(a.id)).toMatchObject({ status: 'CLEARED', amountMinor: 2_500n });
    expect(await mirrored(a.id, 'REFUND')).toMatchObject({ status: 'CLEARED', amountMinor: -2_500n });
    expect(await mirrored(b.id)).toMatchObject({ status: 'DECLINED', declineReason: expect.any(String) });

    const count = await db.transaction.count({ where: { sparadosId: { in: [a.id, b.id] } } });
    const second = await reconcileTransactions({ client: sandbox.client });
    expect(second.saved.inserted).toBe(0);
    expect(await db.transaction.count({ where: { sparadosId: { in: [a.id, b.id] } } })).toBe(count);
  });

  it('settles an AUTHORIZED transaction created before the cursor by reading it again once stale', async () => {
    const { cardId } = await sandbox.newCard();
    const t = await sandbox.authorize(cardId, 700);
    await reconcileTransactions({ client: sandbox.client });
    expect((await mirrored(t.id))?.status).toBe('AUTHORIZED');
    // Settled upstream with no event; move the cursor past it so the date listing no longer covers it.
    await sandbox.control.call('POST', `/transactions/${t.id}/reverse`);
    const later = new Date(Date.now() + 3 * 86_400_000);
    await db.setting.update({ where: { key: 'transactions.reconcile.cursor' }, data: { value: { at: later.toISOString() } } });
    const report = await reconcileTransactions({ client: sandbox.client, now: () => new Date(later.getTime() + 60_000) });
    expect(report.refreshed).toBeGreaterThanOrEqual(1);
    expect((await mirrored(t.id))?.status).toBe('REVERSED');
  });

  it('resyncs from a given date and records the pass for the health panel', async () => {
    const { cardId } = await sandbox.newCard();
    const t = await sandbox.authorize(cardId, 300);
    const report = await reconcileTransactions({ client: sandbox.client, from: new Date(Date.now() - 3 * 86_400_000) });
    expect(report.windows).toBeGreaterThanOrEqual(3);
    expect(report.complete).toBe(true);
    expect(await mirrored(t.id)).not.toBeNull();
    const { getSyncHealth } = await import('./health');
    const health = await getSyncHealth();
    expect(health.lastReconcile).toMatchObject({ complete: true });
    expect(health.cursor).not.toBeNull();
  });
});
