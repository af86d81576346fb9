import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { changeBudget } from '@/lib/approvals/actions';
import { getCardDetail } from '@/lib/approvals/queries';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { configureSparadosLog } from '@/lib/sparados/log';
import { reconcileLater } from '@/tests/support/reconcile';
import { createTestUser } from '@/tests/support/users';
import { approveBudgetChange } from './actions';
import { budgetOf, deliveredCard, runtimeFor } from './test-support';

// Exactly-once budget changes through the panel's own path (action wrapper → card lane → fresh read →
// budget gate → write-intent → Sparados client with read-before-retry → reconciler) while the sandbox
// fails calls on purpose, and even when it ignores X-Idempotency-Key.

// Injected timeouts hold a request until the client gives up: a short per-attempt timeout keeps the
// run fast (read by lib/env on first use, after this file is loaded).
process.env.SPARADOS_TIMEOUT_MS = '1000';

let sandbox: SandboxHarness;
let admin: SessionUser;
let approver: SessionUser;
let currency: string;

beforeAll(async () => {
  // The client's retry warnings are expected here by the hundred.
  configureSparadosLog({ sink: () => {} });
  sandbox = await sandboxHarness();
  currency = (await sandbox.control.corporation()).currency;
  // High limits: this file is about faults, not four eyes (except where it says so).
  [admin, approver] = await Promise.all([createTestUser('ADMIN', { name: 'Ida Admin' }), createTestUser('APPROVER')]);
});
afterEach(async () => {
  await sandbox.control.clearFaults();
});
afterAll(async () => {
  await sandbox.control.clearFaults();
  await sandbox.close();
});

const reconcileNow = reconcileLater;

type Outcome = Awaited<ReturnType<typeof runAction>>;

/** What an admin does: click (twice, at once), and click again with the same form after a failure. */
async function clickUntilAnswered(input: Record<string, unknown>, user: SessionUser): Promise<Outcome> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const [first, second] = await Promise.all([runAction(changeBudget.definition, input, runtimeFor(user)), runAction(changeBudget.definition, input, runtimeFor(user))]);
    const answered = [first, second].find((r) => r.ok);
    if (answered) return answered;
    // Only "try again" failures may be retried; anything else would be a bug here. A card busy with an
    // earlier unconfirmed change is settled by the reconciler first (the worker, a minute later).
    for (const r of [first, second]) if (!r.ok) expect(['UPSTREAM_UNAVAILABLE', 'OUTCOME_PENDING', 'RATE_LIMITED', 'CONFLICT']).toContain(r.code);
    if ([first, second].some((r) => !r.ok && r.code === 'CONFLICT')) await reconcileLater();
  }
  throw new Error('never answered');
}

describe('exactly-once budget changes under sandbox faults', () => {
  it('twenty top-ups and reductions, each double-clicked and retried while ~30 % of calls fail, end at exactly the intended budget', async () => {
    const card = await deliveredCard(sandbox, { budgetMinor: 500_000 });
    const initial = await budgetOf(card.approvalId);
    // Before and after Sparados applied the call; resets and 5xx (timeouts would only make the run slower).
    const p = 1 - Math.pow(0.7, 1 / 3);
    for (const fault of [
      { mode: 'status', status: 503, phase: 'before' },
      { mode: 'status', status: 500, phase: 'after' },
      { mode: 'reset', phase: 'after' },
    ]) {
      await sandbox.control.addFault({ match: { path: '^/secure/approvals' }, probability: p, ...fault });
    }

    let intended = 0;
    const keys: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const decrease = i % 4 === 0;
      const amountMinor = i * 100;
      const key = randomUUID();
      keys.push(key);
      const result = await clickUntilAnswered({ cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: key, mode: decrease ? 'decrease' : 'increase', amount: String(i), currency }, admin);
      expect(result.ok && (result.data as { outcome: string }).outcome).toMatch(/^(applied|checking)$/);
      intended += decrease ? -amountMinor : amountMinor;
    }
    const injected: Array<{ applied: number }> = await sandbox.control.call('GET', '/faults');
    expect(injected.reduce((n, f) => n + f.applied, 0)).toBeGreaterThan(5);
    await sandbox.control.clearFaults();

    // Whatever stayed unknown ("checking") is settled by the reconciler.
    await reconcileNow();
    const operations = await db.pendingOperation.findMany({ where: { idempotencyKey: { in: keys } }, select: { status: true } });
    expect(operations).toHaveLength(20);
    expect(operations.every((o) => o.status === 'SUCCEEDED')).toBe(true);
    expect(await budgetOf(card.approvalId)).toBe(initial + intended);
  });

  it('a hundred top-ups through 30 % timeouts and 5xx, with a Sparados that ignores idempotency keys, apply exactly once each', { timeout: 300_000 }, async () => {
    const card = await deliveredCard(sandbox);
    const initial = await budgetOf(card.approvalId);
    await sandbox.control.addFault({ match: { path: '^/secure/' }, mode: 'ignore_idempotency' });
    // Four fault kinds, each drawn on its own, so that about 30 % of budget writes fail: before or after
    // Sparados applied them, as a lost answer (timeout) or an error.
    const p = 1 - Math.pow(0.7, 1 / 4);
    for (const fault of [
      { mode: 'timeout', phase: 'before' },
      { mode: 'timeout', phase: 'after' },
      { mode: 'status', status: 503, phase: 'before' },
      { mode: 'status', status: 500, phase: 'after' },
    ]) {
      await sandbox.control.addFault({ match: { method: 'PUT', path: 'increase_budget' }, probability: p, ...fault });
    }

    let requested = 0;
    const keys: string[] = [];
    for (let i = 1; i <= 100; i++) {
      const key = randomUUID();
      keys.push(key);
      const amount = `${Math.floor(i / 100)}.${String(i % 100).padStart(2, '0')}`;
      const result = await clickUntilAnswered({ cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: key, mode: 'increase', amount, currency }, admin);
      const outcome = result.ok ? (result.data as { outcome: string }).outcome : null;
      expect(outcome).toMatch(/^(applied|checking)$/);
      requested += i;
      // Unconfirmed: the card waits for the reconciler (the worker, a minute later) before its next change.
      if (outcome === 'checking') await reconcileLater();
    }
    const injected: Array<{ mode: string; applied: number }> = await sandbox.control.call('GET', '/faults');
    const failures = injected.filter((f) => f.mode !== 'ignore_idempotency').reduce((n, f) => n + f.applied, 0);
    expect(failures).toBeGreaterThanOrEqual(15);
    await sandbox.control.clearFaults();

    await reconcileNow();
    const operations = await db.pendingOperation.findMany({ where: { idempotencyKey: { in: keys } }, select: { status: true } });
    expect(operations.map((o) => o.status)).toEqual(keys.map(() => 'SUCCEEDED'));
    expect(await budgetOf(card.approvalId)).toBe(initial + requested);
  });

  it('an outcome Sparados never confirms shows as "checking" on the card until the reconciler settles it, once, though keys are ignored', async () => {
    const card = await deliveredCard(sandbox);
    const path = `^/secure/approvals/${card.approvalId}`;
    // The reconciler's replay cannot lean on the idempotency key: it must read before it sends.
    await sandbox.control.addFault({ match: { path: '^/secure/' }, mode: 'ignore_idempotency' });
    // The top-up is applied, its answer is lost (after a short delay)…
    await sandbox.control.addFault({ match: { method: 'PUT', path: `${path}/increase_budget` }, mode: 'latency', latencyMs: 600, phase: 'after', times: 1 });
    await sandbox.control.addFault({ match: { method: 'PUT', path: `${path}/increase_budget` }, mode: 'status', status: 500, phase: 'after', times: 1 });
    const key = randomUUID();
    const input = { cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: key, mode: 'increase', amount: '42', currency };
    const pending = runAction(changeBudget.definition, input, runtimeFor(admin));
    // …and, once it was applied, every read of the approval fails too, so the client cannot check.
    for (let i = 0; i < 200; i++) {
      const faults: Array<{ mode: string }> = await sandbox.control.call('GET', '/faults');
      if (!faults.some((f) => f.mode === 'latency')) break;
      await sleep(20);
    }
    await sandbox.control.addFault({ match: { method: 'GET', path }, mode: 'status', status: 503 });
    const result = await pending;
    expect(result).toMatchObject({ ok: true, data: { outcome: 'checking', after: { budgetMinor: '54200' } } });
    expect((await db.auditEvent.findFirstOrThrow({ where: { targetId: card.cardId, action: 'cards.topup' } })).summary).toMatch(/has not confirmed it yet/);
    await sandbox.control.clearFaults();
    await sandbox.control.addFault({ match: { path: '^/secure/' }, mode: 'ignore_idempotency' });

    const detail = await getCardDetail(card.cardId);
    expect(detail?.inFlight.checking).toMatchObject([{ kind: 'approval.budget', label: 'Budget change', detail: '4200' }]);
    // Sparados did apply it: the reconciler sends the same key and records the answer.
    expect(await reconcileNow()).toMatchObject({ succeeded: expect.any(Number) });
    expect((await db.pendingOperation.findUniqueOrThrow({ where: { idempotencyKey: key } })).status).toBe('SUCCEEDED');
    expect((await getCardDetail(card.cardId))?.inFlight.checking).toEqual([]);
    expect(await budgetOf(card.approvalId)).toBe(54_200);
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: card.approvalId } })).budgetMinor).toBe(54_200n);

    // The admin clicks again with the same form: the answer is replayed, nothing is sent twice.
    expect(await runAction(changeBudget.definition, input, runtimeFor(admin))).toMatchObject({ ok: true, data: { outcome: 'applied', replayed: true } });
    expect(await budgetOf(card.approvalId)).toBe(54_200);
  });

  it('an approved four-eyes change sent while Sparados fails is applied once, whoever clicks approve again', async () => {
    const operator = await createTestUser('OPERATOR');
    const card = await deliveredCard(sandbox);
    const asked = await runAction(changeBudget.definition, { cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: randomUUID(), mode: 'increase', amount: '1500', currency }, runtimeFor(operator));
    expect(asked).toMatchObject({ ok: true, data: { outcome: 'awaiting_approval' } });
    const changeId = asked.ok ? asked.data.changeRequestId! : '';
    await sandbox.control.addFault({ match: { method: 'PUT', path: 'increase_budget' }, mode: 'status', status: 500, phase: 'after', times: 2 });
    await sandbox.control.addFault({ match: { method: 'PUT', path: 'increase_budget' }, mode: 'reset', phase: 'after', times: 1 });
    const approvals = await Promise.all([1, 2, 3].map(() => runAction(approveBudgetChange.definition, { changeId }, runtimeFor(approver))));
    for (const a of approvals) expect(a).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(await budgetOf(card.approvalId)).toBe(50_000 + 150_000);
    expect(await db.auditEvent.count({ where: { targetId: card.cardId, action: 'budgets.change_approved' } })).toBe(1);
  });
});
