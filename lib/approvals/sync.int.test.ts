import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getSparadosClient } from '@/lib/sparados';
import { runApprovalOperation } from './operations';
import { syncApprovals } from './sync';
import { sandboxHarness, type SandboxHarness } from './test-helpers';
import { admittedNewCard, withAdmission } from '@/tests/support/admission';

// Sync against the real sandbox, with its clock moved instead of waiting for dates to pass.

const DAY = 86_400_000;
let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await sandboxHarness();
  // Start from an empty sandbox so every listed approval is one of ours; the clock is real time again.
  await sandbox.control.call('POST', '/reset');
});
afterAll(async () => {
  await sandbox.control.call('POST', '/reset');
  await sandbox.close();
});

async function sandboxNow(): Promise<number> {
  const { now } = await sandbox.control.call<{ now: string }>('GET', '/clock');
  return Date.parse(now);
}

/** Assigns through the panel (as the assign form does) with a validity of `days` from the sandbox's now. */
async function assign(days = 30, allowChangeRequest = true) {
  const now = await sandboxNow();
  const body = sandbox.request({
    validityPeriod: { startDate: new Date(now - 3_600_000).toISOString(), endDate: new Date(now + days * DAY).toISOString(), timezone: 'Europe/Warsaw' },
    purpose: { ecommerce: true, allowChangeRequest },
  });
  const key = randomUUID();
  const outcome = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body }, admission: await admittedNewCard(key) });
  return { id: outcome.result.id, cardId: outcome.cardId! };
}

const local = (sparadosId: string) => db.approval.findUniqueOrThrow({ where: { sparadosId } });
const card = (id: string) => db.card.findUniqueOrThrow({ where: { id }, include: { currentApproval: true, approvals: true } });

describe('syncApprovals', () => {
  it('sees a redemption: ACCEPTED → DELIVERED with the generated card id, on the timeline as Sparados sync', async () => {
    const { id, cardId } = await assign();
    await sandbox.control.redeem(id);
    const report = await syncApprovals();
    expect(report.statusChanges).toBeGreaterThanOrEqual(1);

    const row = await local(id);
    expect(row.status).toBe('DELIVERED');
    expect(row.sparadosCardId).toBeTruthy();
    const c = await card(cardId);
    expect(c).toMatchObject({ status: 'DELIVERED', cardStatus: 'ACTIVE', sparadosCardId: row.sparadosCardId });
    const events = await db.auditEvent.findMany({ where: { targetType: 'card', targetId: cardId, action: 'cards.status_changed' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null });
    expect(events[0]!.summary).toMatch(/Waiting for redemption → Active/);

    // Nothing changed upstream: the next pass saves nothing and writes no entry.
    const quiet = await syncApprovals();
    expect(quiet.saved).toBe(0);
    expect(await db.auditEvent.count({ where: { targetType: 'card', targetId: cardId } })).toBe(1);
  });

  it('discovers an approval made outside the panel as a new card', async () => {
    const body = sandbox.request();
    const made = await getSparadosClient().createApproval(body);
    await syncApprovals();
    const row = await db.approval.findUniqueOrThrow({ where: { sparadosId: made.id }, include: { card: { include: { cardholder: true } } } });
    expect(row.card.cardholder.email).toBe((body.user as { email: string }).email);
    expect(row.card.currentApprovalId).toBe(row.id);
    expect(await db.auditEvent.count({ where: { targetId: row.cardId, action: 'cards.discovered' } })).toBe(1);
  });

  it('after a clock move past the end: DELIVERED → FINISHED, ACCEPTED never redeemed → EXPIRED', async () => {
    const redeemed = await assign(2);
    await sandbox.control.redeem(redeemed.id);
    const forgotten = await assign(2);
    await syncApprovals();
    expect((await local(redeemed.id)).status).toBe('DELIVERED');
    expect((await local(forgotten.id)).status).toBe('ACCEPTED');

    await sandbox.moveClock(3 * DAY);
    await syncApprovals();
    expect((await local(redeemed.id)).status).toBe('FINISHED');
    expect((await local(forgotten.id)).status).toBe('EXPIRED');
    expect((await card(redeemed.cardId)).status).toBe('FINISHED');
    expect((await card(forgotten.cardId)).status).toBe('EXPIRED');
  });

  it('links a change request to its card, and follows the chain when it is accepted (one card identity)', async () => {
    const { id, cardId } = await assign(30, true);
    await sandbox.control.redeem(id);
    await syncApprovals();

    const request = await sandbox.control.changeRequest(id, { budgetMinor: 80_000 });
    expect(request.parentId).toBe(id);
    await syncApprovals();
    const child = await local(request.id);
    expect(child).toMatchObject({ status: 'CREATED', parentSparadosId: id, cardId, budgetMinor: 80_000n });
    let c = await card(cardId);
    expect(c.currentApproval?.sparadosId).toBe(id);
    expect(await db.auditEvent.count({ where: { targetId: cardId, action: 'cards.change_requested' } })).toBe(1);

    const acceptKey = randomUUID();
    const accepted = await withAdmission('ACCEPT_REQUEST', cardId, acceptKey, (admission) => runApprovalOperation('approval.accept', { idempotencyKey: acceptKey, cardId, request: { approvalId: request.id }, admission }));
    expect(accepted.result).toMatchObject({ id: request.id, status: 'DELIVERED' });
    c = await card(cardId);
    expect(c.currentApproval?.sparadosId).toBe(request.id);
    expect(c.status).toBe('DELIVERED');

    await syncApprovals();
    expect((await local(id)).status).toBe('REAPPROVED');
    expect((await local(request.id)).status).toBe('DELIVERED');
    c = await card(cardId);
    expect(c.currentApproval?.sparadosId).toBe(request.id);
    expect(c.approvals.map((a) => a.sparadosId).sort()).toEqual([id, request.id].sort());
    const holder = (await db.card.findUniqueOrThrow({ where: { id: cardId } })).cardholderId;
    expect(await db.card.count({ where: { cardholderId: holder } })).toBe(1);
  });

  it('follows a corporation edit of a delivered approval to the new id', async () => {
    const { id, cardId } = await assign();
    await sandbox.control.redeem(id);
    await syncApprovals();
    const current = await getSparadosClient().getApproval(id);
    const editKey = randomUUID();
    const edited = await withAdmission('EDIT', cardId, editKey, (admission) => runApprovalOperation('approval.edit', {
      idempotencyKey: editKey,
      admission,
      cardId,
      request: {
        approvalId: id,
        body: {
          rules: {
            budgetMinor: 70_000,
            validityPeriod: { startDate: current.validity.startDate.toISOString(), endDate: current.validity.endDate.toISOString(), timezone: 'Europe/Warsaw' },
            limits: [],
            purpose: { ecommerce: true, allowChangeRequest: true },
          },
        },
      },
    }));
    expect(edited.result.id).not.toBe(id);
    expect(edited.cardId).toBe(cardId);
    const c = await card(cardId);
    expect(c.currentApproval?.sparadosId).toBe(edited.result.id);
    expect((await local(id)).status).toBe('REAPPROVED');
    await syncApprovals();
    expect((await local(id)).status).toBe('REAPPROVED');
    expect((await card(cardId)).currentApproval?.sparadosId).toBe(edited.result.id);
  });

  it('without a list endpoint (404: the seeds never define it) still refreshes the approvals it knows, and says so', async () => {
    const { id } = await assign();
    await sandbox.control.redeem(id);
    await sandbox.control.addFault({ match: { method: 'GET', path: '^/secure/approvals$' }, mode: 'status', status: 404 });
    try {
      const report = await syncApprovals();
      expect(report).toMatchObject({ listUnavailable: true, listed: 0 });
      expect(report.refreshed).toBeGreaterThanOrEqual(1);
      expect((await local(id)).status).toBe('DELIVERED');
    } finally {
      await sandbox.control.clearFaults();
    }
  });
});
