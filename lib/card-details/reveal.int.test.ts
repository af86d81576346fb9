import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { runApprovalOperation } from '@/lib/approvals/operations';
import { syncApprovals } from '@/lib/approvals/sync';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { CONTRACT_SETTING } from '@/lib/sparados/contract';
import { passesLuhn } from '@/lib/sparados/luhn';
import { actionSuite } from '@/tests/support/action-test';
import { admittedNewCard } from '@/tests/support/admission';
import { createTestUser } from '@/tests/support/users';
import { revealCardDetailsAction, setRevealRole } from './actions';
import { newRevealKeys, openCardDetails } from './browser-keys';
import { REVEALS_PER_WINDOW } from './policy';
import { REVEAL_ROLE_SETTING } from './reveal-role';

// "Show card details" through the real action wrapper, database and sandbox; the browser's half
// (WebCrypto key, JWE decryption) runs here on Node's WebCrypto, the same API.

const suite = actionSuite(['ADMIN', 'APPROVER', 'OPERATOR', 'VIEWER']);
let admin: SessionUser;
let approver: SessionUser;
let operator: SessionUser;
let viewer: SessionUser;
beforeAll(() => void ([admin, approver, operator, viewer] = suite.users));

afterEach(async () => {
  await db.setting.deleteMany({ where: { key: { in: [REVEAL_ROLE_SETTING, CONTRACT_SETTING] } } });
});

async function newCard(redeemed = true): Promise<string> {
  const key = randomUUID();
  const outcome = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body: suite.sandbox.request() }, admission: await admittedNewCard(key) });
  if (redeemed) {
    await suite.sandbox.control.redeem(outcome.result.id);
    await syncApprovals();
  }
  return outcome.cardId!;
}

async function reveal(user: SessionUser, cardId: string) {
  const keys = await newRevealKeys();
  const result = await runAction(revealCardDetailsAction.definition, { cardId, publicKey: keys.publicKeyPem }, suite.runtime(user));
  return { result, keys };
}

describe('showing card details', () => {
  it('gives an Admin a JWE only their key opens, with a real card number, and records who asked', async () => {
    const cardId = await newCard();
    const { result, keys } = await reveal(admin, cardId);
    expect(result).toMatchObject({ ok: true, data: { showForSeconds: 60 } });
    if (!result.ok) return;
    const details = await openCardDetails(result.data.jwe, keys.privateKey);
    expect(details.number).toMatch(/^\d{16}$/);
    expect(passesLuhn(details.number)).toBe(true);
    expect(details.cvv).toMatch(/^\d{3}$/);
    expect(details.expiry).toMatch(/^\d{2}\/\d{2}$/);

    const entries = await db.auditEvent.findMany({ where: { action: 'cards.reveal', targetId: cardId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, targetType: 'card', ip: '198.51.100.7' });
    // Nothing the server stored holds the clear number or the CVV.
    const stored = JSON.stringify([entries, await db.card.findUnique({ where: { id: cardId }, include: { approvals: true } }), await db.pendingOperation.findMany({ where: { cardId } })], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(stored).not.toContain(details.number);
    expect(stored).not.toContain(details.number.slice(0, 12));
  });

  it('is Admin-only by default; Settings can open it to Approvers or Operators, never to Viewers', async () => {
    const cardId = await newCard();
    for (const user of [approver, operator, viewer]) {
      expect((await reveal(user, cardId)).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await db.auditEvent.count({ where: { action: 'access.denied', targetId: 'cards.reveal', actorId: approver.id } })).toBe(1);

    expect(await runAction(setRevealRole.definition, { role: 'APPROVER' }, suite.runtime(approver))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await runAction(setRevealRole.definition, { role: 'VIEWER' }, suite.runtime(admin))).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await runAction(setRevealRole.definition, { role: 'APPROVER' }, suite.runtime(admin))).toMatchObject({ ok: true });
    expect((await reveal(approver, cardId)).result).toMatchObject({ ok: true });
    expect((await reveal(operator, cardId)).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    expect(await runAction(setRevealRole.definition, { role: 'OPERATOR' }, suite.runtime(admin))).toMatchObject({ ok: true });
    expect((await reveal(operator, cardId)).result).toMatchObject({ ok: true });
    expect((await reveal(viewer, cardId)).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await db.auditEvent.count({ where: { action: 'settings.reveal_role', actorId: admin.id } })).toBeGreaterThanOrEqual(2);
  });

  it('refuses a card that is not active yet, and any card under a Simple contract, before asking Sparados', async () => {
    const waiting = await newCard(false);
    const notYet = (await reveal(admin, waiting)).result;
    expect(notYet).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(!notYet.ok && notYet.message).toMatch(/redeemed/);

    const active = await newCard();
    await db.setting.create({ data: { key: CONTRACT_SETTING, value: 'SIMPLE' } });
    const simple = (await reveal(admin, active)).result;
    expect(simple).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(!simple.ok && simple.message).toMatch(/needs the Full API/);
    expect(await db.auditEvent.count({ where: { action: 'cards.reveal', targetId: { in: [waiting, active] } } })).toBe(0);
  });

  it('refuses a key that is not a 2048-bit RSA public key, naming the field', async () => {
    const cardId = await newCard();
    const result = await runAction(revealCardDetailsAction.definition, { cardId, publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }, suite.runtime(admin));
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { publicKey: [expect.stringMatching(/RSA, 2048 bits/)] } });
  });

  it(`allows one person ${REVEALS_PER_WINDOW} requests an hour, counted exactly even when sent at once`, async () => {
    const cardId = await newCard();
    const someone = await createTestUser('ADMIN');
    const results = await Promise.all(Array.from({ length: REVEALS_PER_WINDOW + 3 }, () => reveal(someone, cardId).then((r) => r.result)));
    expect(results.filter((r) => r.ok)).toHaveLength(REVEALS_PER_WINDOW);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(3);
    expect(refused.every((r) => !r.ok && r.code === 'RATE_LIMITED')).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'cards.reveal', actorId: someone.id } })).toBe(REVEALS_PER_WINDOW);
    // Another person is not held back by it.
    expect((await reveal(admin, cardId)).result).toMatchObject({ ok: true });
  });
});
