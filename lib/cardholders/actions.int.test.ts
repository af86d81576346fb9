import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { runApprovalOperation } from '@/lib/approvals/operations';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { getSparadosClient, isSparadosError } from '@/lib/sparados';
import { actionSuite } from '@/tests/support/action-test';
import { approveBudgetChange } from '@/lib/budgets/actions';
import { deleteCardholder, findCardholders, updateCardholder } from './actions';
import { getCardholder, listCardholders } from './queries';
import { upsertCardholder } from './store';
import { admittedNewCard } from '@/tests/support/admission';

// The cardholder directory's actions against the real database and sandbox.

const suite = actionSuite(['OPERATOR', 'VIEWER', 'APPROVER'], '198.51.100.11');
const runtime = suite.runtime;
let operator: SessionUser;
let viewer: SessionUser;
let approver: SessionUser;
beforeAll(() => void ([operator, viewer, approver] = suite.users));

/** A second person approves the contact change the operator's edit was held as. */
async function approveHeld(result: Awaited<ReturnType<typeof runAction>>) {
  const held = result.ok ? (result.data as { held: { changeId: string } | null }).held : null;
  expect(held, 'the contact change waits for a second person').not.toBeNull();
  expect(await runAction(approveBudgetChange.definition, { changeId: held!.changeId }, runtime(operator))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await runAction(approveBudgetChange.definition, { changeId: held!.changeId }, runtime(approver))).toMatchObject({ ok: true, data: { kind: 'CONTACT', outcome: 'applied' } });
}

async function holderWithCard() {
  const body = suite.sandbox.request();
  const user = body.user as { email: string; prefix: string; phone: string };
  const holder = await upsertCardholder(db, { email: user.email, phonePrefix: user.prefix, phoneNumber: user.phone, firstName: 'Active', lastName: 'Holder' });
  const key = randomUUID();
  const created = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body, cardholderId: holder.id }, admission: await admittedNewCard(key) });
  return { cardholderId: holder.id, cardId: created.cardId!, approvalId: created.result.id };
}

describe('cardholders', () => {
  it('refuses to delete a cardholder with active cards, saying why; deletes once they end', async () => {
    const { cardholderId, cardId, approvalId } = await holderWithCard();
    const { email } = (await getCardholder(cardholderId))!;
    expect((await listCardholders({ q: email })).rows.map((r) => r.id)).toEqual([cardholderId]);
    const refused = await runAction(deleteCardholder.definition, { cardholderId, idempotencyKey: randomUUID() }, runtime(operator));
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_STATE', message: 'This cardholder has 1 active card: Contract test (ACCEPTED). Cancel or unassign it first.' });
    expect((await db.cardholder.findUniqueOrThrow({ where: { id: cardholderId } })).deletedAt).toBeNull();

    await runApprovalOperation('approval.cancel', { idempotencyKey: randomUUID(), cardId, request: { approvalId } });
    const deleted = await runAction(deleteCardholder.definition, { cardholderId, idempotencyKey: randomUUID() }, runtime(operator));
    expect(deleted).toMatchObject({ ok: true });
    expect((await db.cardholder.findUniqueOrThrow({ where: { id: cardholderId } })).deletedAt).not.toBeNull();
    // Gone from the directory, kept for the card's history.
    expect((await listCardholders({ q: email })).rows).toHaveLength(0);
    expect(await db.card.findUniqueOrThrow({ where: { id: cardId } })).toMatchObject({ cardholderId });
  });

  it('a VIEWER cannot change or delete', async () => {
    const { cardholderId } = await holderWithCard();
    const holder = (await getCardholder(cardholderId))!;
    const edit = { cardholderId, idempotencyKey: randomUUID(), email: 'viewer@int.test', phonePrefix: holder.phonePrefix, phoneNumber: holder.phoneNumber };
    expect(await runAction(updateCardholder.definition, edit, runtime(viewer))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await runAction(deleteCardholder.definition, { cardholderId, idempotencyKey: randomUUID() }, runtime(viewer))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a name changes at once; an e-mail or phone change waits for a second person, whatever the role', async () => {
    const { cardholderId } = await holderWithCard();
    const holder = (await getCardholder(cardholderId))!;
    const same = { cardholderId, idempotencyKey: randomUUID(), email: holder.email, phonePrefix: holder.phonePrefix, phoneNumber: holder.phoneNumber };
    expect(await runAction(updateCardholder.definition, { ...same, firstName: 'Only', lastName: 'Name' }, runtime(operator))).toMatchObject({ ok: true, data: { held: null } });
    expect(await db.cardholder.findUniqueOrThrow({ where: { id: cardholderId } })).toMatchObject({ firstName: 'Only' });
    for (const user of [operator, approver]) {
      const diverted = await runAction(updateCardholder.definition, { ...same, idempotencyKey: randomUUID(), phoneNumber: '699000111' }, runtime(user));
      expect(diverted).toMatchObject({ ok: true, data: { held: { kind: 'CONTACT', reason: expect.stringMatching(/one-time codes/) } } });
      const own = await runAction(approveBudgetChange.definition, { changeId: diverted.ok ? (diverted.data.held as { changeId: string }).changeId : '' }, runtime(user));
      expect(own).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect((await db.cardholder.findUniqueOrThrow({ where: { id: cardholderId } })).phoneNumber).toBe(holder.phoneNumber);
    const entry = await db.auditEvent.findFirstOrThrow({ where: { action: 'budgets.change_requested', targetType: 'cardholder', targetId: cardholderId, actorId: operator.id } });
    expect(entry.summary).toMatch(/^.* asked to change the contact data of Only Name \(phone \+\d+ \d+ → \+\d+ 699000111\); one-time codes are sent there, so it waits for a second approver\.$/);
  });

  it('edits a Simple API cardholder locally and refreshes the cards list search text', async () => {
    const { cardholderId, cardId } = await holderWithCard();
    const holder = (await getCardholder(cardholderId))!;
    const email = `renamed-${randomUUID().slice(0, 8)}@int.test`;
    const result = await runAction(
      updateCardholder.definition,
      { cardholderId, idempotencyKey: randomUUID(), email, phonePrefix: holder.phonePrefix, phoneNumber: holder.phoneNumber, firstName: 'Renata', lastName: 'Renamed', nationality: 'pl' },
      runtime(operator),
    );
    expect(result).toMatchObject({ ok: true, data: { held: { kind: 'CONTACT' } } });
    // A new e-mail is where one-time codes go: nothing changes until a second person approves.
    expect(await db.cardholder.findUniqueOrThrow({ where: { id: cardholderId } })).toMatchObject({ email: holder.email });
    await approveHeld(result);
    expect(await db.cardholder.findUniqueOrThrow({ where: { id: cardholderId } })).toMatchObject({ email, firstName: 'Renata', nationality: 'PL' });
    expect((await db.card.findUniqueOrThrow({ where: { id: cardId } })).searchText).toContain('renata');
    expect(await runAction(findCardholders.definition, { q: 'Renata Renamed' }, runtime(operator))).toMatchObject({ ok: true, data: expect.arrayContaining([expect.objectContaining({ id: cardholderId })]) });

    const other = await holderWithCard();
    const clash = await runAction(updateCardholder.definition, { cardholderId: other.cardholderId, idempotencyKey: randomUUID(), email, phonePrefix: holder.phonePrefix, phoneNumber: holder.phoneNumber }, runtime(operator));
    expect(clash).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { email: ['Another cardholder has this e-mail and phone number'] } });
  });

  it('edits a Full API cardholder in Sparados too, and deletes the Sparados user with them', async () => {
    const tag = randomUUID().slice(0, 8);
    const created = await getSparadosClient().createUser({ email: `full-${tag}@int.test`, phoneNumber: '48600123456', firstName: 'Fay', lastName: 'Full', dateOfBirth: '1991-01-01', nationality: 'PL' });
    const holder = await upsertCardholder(db, { email: `full-${tag}@int.test`, phonePrefix: '48', phoneNumber: '600123456', firstName: 'Fay', lastName: 'Full', birthDate: '1991-01-01', nationality: 'PL' }, created.id);

    const missing = await runAction(updateCardholder.definition, { cardholderId: holder.id, idempotencyKey: randomUUID(), email: `full-${tag}@int.test`, phonePrefix: '48', phoneNumber: '600123456' }, runtime(operator));
    expect(missing).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { firstName: ['Enter the first name (a Sparados user needs it)'] } });

    const key = randomUUID();
    const edit = { cardholderId: holder.id, idempotencyKey: key, email: `full-${tag}-new@int.test`, phonePrefix: '48', phoneNumber: '600999888', firstName: 'Fay', lastName: 'Fuller', birthDate: '1991-01-01', nationality: 'PL' };
    const asked = await runAction(updateCardholder.definition, edit, runtime(operator));
    expect(await getSparadosClient().getUser(created.id)).toMatchObject({ email: `full-${tag}@int.test`, phoneNumber: '48600123456' });
    await approveHeld(asked);
    expect(await getSparadosClient().getUser(created.id)).toMatchObject({ email: `full-${tag}-new@int.test`, phoneNumber: '48600999888', lastName: 'Fuller', firstName: 'Fay' });
    expect(await db.cardholder.findUniqueOrThrow({ where: { id: holder.id } })).toMatchObject({ email: `full-${tag}-new@int.test`, lastName: 'Fuller' });
    expect(await db.pendingOperation.findMany({ where: { kind: 'user.update', request: { path: ['userId'], equals: created.id } } })).toMatchObject([{ status: 'SUCCEEDED' }]);

    expect(await runAction(deleteCardholder.definition, { cardholderId: holder.id, idempotencyKey: randomUUID() }, runtime(operator))).toMatchObject({ ok: true });
    const gone = await getSparadosClient().getUser(created.id).then(
      () => null,
      (error: unknown) => (isSparadosError(error) ? error.status : error),
    );
    expect(gone).toBe(404);
    expect((await db.cardholder.findUniqueOrThrow({ where: { id: holder.id } })).deletedAt).not.toBeNull();
  });
});
