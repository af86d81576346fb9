import { randomUUID } from 'node:crypto';
import type { JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRuntime } from '@/lib/actions/run-action';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { seal, sealingKey } from '@/lib/security/seal';
import { createTestUser } from '@/tests/support/users';
import { resetTwoFactorFromConsole } from '../../../scripts/db/reset-two-factor';
import { buildAuthOptions } from '../options';
import { actionUser, readClaims, resolveSession, type SessionClaims } from '../session-check';
import { renewOwnRecoveryCodes, resetTwoFactor, startTwoFactorSetup, turnOffTwoFactor, verifyTwoFactor } from './actions';
import { checkSecondFactor, confirmEnrolment, markSessionVerified, startEnrolment, turnOffOwn } from './service';
import { stepAt, totpCode } from './totp';

// Two-factor sign-in against the real database: enrolment, the session states it gives, codes that
// work once, recovery codes, the throttle, turning off, an Admin's reset and which sessions may run what.

const MAX_AGE = 8 * 3600;
const STEP_MS = 30_000;

/** A distinct client address per test, so one test's wrong codes never lock another's. */
const ipOf = () => `198.51.100.${Math.floor(Math.random() * 200) + 20}`;

async function enrolled(role: 'ADMIN' | 'APPROVER' | 'OPERATOR' | 'VIEWER' = 'OPERATOR') {
  const user = await createTestUser(role);
  const start = await startEnrolment(user);
  const secret = start.manualKey.replace(/\s+/g, '');
  // Confirmed with the code of the current step: the tests use later steps, each accepted once.
  const { recoveryCodes } = await confirmEnrolment(user, totpCode(secret), null);
  return { user, secret, recoveryCodes };
}

/** What next-auth's jwt callback puts in a fresh cookie for this user (a password sign-in). */
async function signIn(user: SessionUser): Promise<SessionClaims> {
  const token = (await buildAuthOptions(getEnv()).callbacks!.jwt!({
    token: { email: user.email },
    user: { id: user.id, email: user.email, name: user.name },
    account: null,
    trigger: 'signIn',
  })) as JWT;
  return readClaims(token)!;
}

/** A time `steps` steps from now (a code is valid within one step of the check's time). */
const later = (steps: number) => new Date(Date.now() + steps * STEP_MS);

/** Six digits that are not the code of any step a check at `at` would accept. */
function wrongCode(secret: string, at: Date = new Date(), n = 0): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => totpCode(secret, new Date(at.getTime() + d * STEP_MS))));
  for (let candidate = n; ; candidate += 1) {
    const code = String(candidate * 7919 % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

function as(user: SessionUser): ActionRuntime {
  return { db, getUser: async () => user, getIp: async () => ipOf(), logError: () => undefined };
}

describe('two-factor sign-in', () => {
  it('keeps the secret sealed until its first code confirms it, then hands out recovery codes once', async () => {
    const user = await createTestUser('OPERATOR');
    const start = await startEnrolment(user);
    const secret = start.manualKey.replace(/\s+/g, '');
    expect(start.uri).toMatch(/^otpauth:\/\/totp\/Sparados%20panel:/);
    expect(start.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);

    const pending = await db.adminUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(pending.totpEnabledAt).toBeNull();
    expect(pending.totpPendingSealed).not.toContain(secret);

    await expect(confirmEnrolment(user, wrongCode(secret), null)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();

    const { recoveryCodes } = await confirmEnrolment(user, totpCode(secret), null);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await db.adminUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpPendingSealed).toBeNull();
    expect(row.totpSecretSealed).not.toContain(secret);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(stored.some((r) => r.codeHash.includes(code.replace('-', '')))).toBe(false);
    expect(await db.auditEvent.count({ where: { action: 'auth.two_factor_on', targetId: user.id } })).toBe(1);

    // On: a second set-up is refused rather than silently replacing the app.
    await expect(startEnrolment(user)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('makes a new session wait for its code; entering it frees that session only', async () => {
    const { user, secret } = await enrolled();
    const laptop = await signIn(user);
    const phone = await signIn(user);
    expect(laptop.mfa).toBe(true);
    expect((await resolveSession(db, laptop, MAX_AGE, []))?.factor).toBe('pending');

    const check = await checkSecondFactor(user.id, totpCode(secret, later(1)), ipOf(), db, later(1));
    expect(check).toMatchObject({ ok: true, via: 'app' });
    await markSessionVerified(laptop, MAX_AGE);

    expect((await resolveSession(db, laptop, MAX_AGE, []))?.factor).toBe('ok');
    expect((await resolveSession(db, phone, MAX_AGE, []))?.factor).toBe('pending');
    // A session id verified for someone else does not count for this user.
    const forged = { ...phone, sid: laptop.sid, uid: (await createTestUser('ADMIN')).id };
    expect((await resolveSession(db, forged, MAX_AGE, []))?.factor).toBe('pending');
  });

  it('accepts a code once: the same code again, or twice at once, gets in once', async () => {
    const { user, secret } = await enrolled();
    const at = later(3);
    const code = totpCode(secret, at);
    const [a, b] = await Promise.all([checkSecondFactor(user.id, code, ipOf(), db, at), checkSecondFactor(user.id, code, ipOf(), db, at)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(await checkSecondFactor(user.id, code, ipOf(), db, at)).toMatchObject({ ok: false, reason: 'WRONG' });
    // An older step than the last one used is refused too, though still inside the clock window.
    expect(await checkSecondFactor(user.id, totpCode(secret, later(2)), ipOf(), db, at)).toMatchObject({ ok: false, reason: 'WRONG' });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: user.id } })).totpLastStep).toBe(stepAt(at));
  });

  it('takes each recovery code once', async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first] = recoveryCodes;
    expect(await checkSecondFactor(user.id, first.toUpperCase().replace('-', ' '), ipOf())).toMatchObject({ ok: true, via: 'recovery', recoveryLeft: 9 });
    expect(await checkSecondFactor(user.id, first, ipOf())).toMatchObject({ ok: false, reason: 'WRONG' });
    expect(await checkSecondFactor(user.id, 'abcde-fghjk', ipOf())).toMatchObject({ ok: false, reason: 'WRONG' });
  });

  it('locks after as many wrong codes as wrong passwords, and then refuses even the right code', async () => {
    const { user, secret } = await enrolled();
    const ip = ipOf();
    const max = getEnv().LOGIN_MAX_FAILURES;
    const results = [];
    for (let n = 0; n < max; n += 1) results.push(await checkSecondFactor(user.id, wrongCode(secret, later(1), n * 13 + 1), ip, db, later(1)));
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === 'WRONG')).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'LOCKED' });
    expect(await checkSecondFactor(user.id, totpCode(secret, later(1)), ip, db, later(1))).toMatchObject({ ok: false, reason: 'LOCKED' });
  });

  it('asks a role that requires it to set it up first, and admits such sessions only to the set-up actions', async () => {
    const admin = await createTestUser('ADMIN');
    const claims = await signIn(admin);
    expect(claims.mfa).toBe(false);
    const state = await resolveSession(db, claims, MAX_AGE, ['ADMIN', 'APPROVER']);
    expect(state?.factor).toBe('setup');
    expect((await resolveSession(db, claims, MAX_AGE, []))?.factor).toBe('ok');

    expect(actionUser(state)).toBeNull();
    expect(actionUser(state, 'two-factor-pending')).toBeNull();
    expect(actionUser(state, 'two-factor-setup')).toMatchObject({ id: admin.id });
    expect(startTwoFactorSetup.definition.session).toBe('two-factor-setup');

    const { user } = await enrolled();
    const waiting = await resolveSession(db, await signIn(user), MAX_AGE, []);
    expect(actionUser(waiting)).toBeNull();
    expect(actionUser(waiting, 'two-factor-setup')).toBeNull();
    expect(actionUser(waiting, 'two-factor-pending')).toMatchObject({ id: user.id });
    expect(verifyTwoFactor.definition.session).toBe('two-factor-pending');
    // Everything else demands a complete session.
    for (const action of [renewOwnRecoveryCodes, turnOffTwoFactor, resetTwoFactor]) expect(action.definition.session).toBeUndefined();

    // Once set up, the role requirement is met.
    const enrolledAdmin = await createTestUser('ADMIN');
    await confirmEnrolment(enrolledAdmin, totpCode((await startEnrolment(enrolledAdmin)).manualKey.replace(/\s+/g, '')), null);
    expect((await resolveSession(db, { ...(await signIn(enrolledAdmin)), mfa: false }, MAX_AGE, ['ADMIN']))?.factor).toBe('ok');
  });

  it('renews recovery codes after a code, so the old ones stop working', async () => {
    const { user, secret, recoveryCodes } = await enrolled('VIEWER');
    // Checked at the real time: the next step's code is inside the window and newer than the enrolment's.
    const renewed = await runAction(renewOwnRecoveryCodes.definition, { code: totpCode(secret, later(1)) }, as(user));
    expect(renewed).toMatchObject({ ok: true });
    if (!renewed.ok) return;
    expect(await checkSecondFactor(user.id, recoveryCodes[0], ipOf())).toMatchObject({ ok: false, reason: 'WRONG' });
    expect(await checkSecondFactor(user.id, renewed.data.recoveryCodes[0], ipOf())).toMatchObject({ ok: true, via: 'recovery' });
    expect(await db.auditEvent.count({ where: { action: 'auth.recovery_codes', targetId: user.id } })).toBe(1);
  });

  it('turns off only with a code, and never for a role that requires it', async () => {
    const { user, secret } = await enrolled('OPERATOR');
    const refused = await runAction(turnOffTwoFactor.definition, { code: wrongCode(secret) }, as(user));
    expect(refused).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await runAction(turnOffTwoFactor.definition, { code: totpCode(secret, later(1)) }, as(user))).toMatchObject({ ok: true });
    const row = await db.adminUser.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.totpEnabledAt, row.totpSecretSealed]).toEqual([null, null]);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);

    const admin = await enrolled('ADMIN');
    expect(getEnv().MFA_REQUIRED_ROLES).toContain('ADMIN');
    await expect(turnOffOwn(admin.user, totpCode(admin.secret, later(1)), null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: admin.user.id } })).totpEnabledAt).not.toBeNull();
  });

  it("lets another Admin reset someone's second factor, ending their sessions, audited; not one's own, not below Admin", async () => {
    const { user, secret } = await enrolled('APPROVER');
    const claims = await signIn(user);
    await checkSecondFactor(user.id, totpCode(secret, later(1)), ipOf(), db, later(1));
    await markSessionVerified(claims, MAX_AGE);
    expect((await resolveSession(db, claims, MAX_AGE, []))?.factor).toBe('ok');

    const approver = await createTestUser('APPROVER');
    expect(await runAction(resetTwoFactor.definition, { userId: user.id }, as(approver))).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const admin = await createTestUser('ADMIN');
    expect(await runAction(resetTwoFactor.definition, { userId: admin.id }, as(admin))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await runAction(resetTwoFactor.definition, { userId: randomUUID() }, as(admin))).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    expect(await runAction(resetTwoFactor.definition, { userId: user.id }, as(admin))).toMatchObject({ ok: true });
    expect(await resolveSession(db, claims, MAX_AGE, [])).toBeNull();
    const row = await db.adminUser.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.totpEnabledAt, row.totpSecretSealed, row.totpLastStep]).toEqual([null, null, null]);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'users.reset_two_factor', targetId: user.id } });
    expect(audit.actorId).toBe(admin.id);
    // Their next sign-in: no code asked, but their role must set one up again.
    expect((await resolveSession(db, await signIn(user), MAX_AGE, ['APPROVER']))?.factor).toBe('setup');
  });

  it('says so when the secret was sealed under another NEXTAUTH_SECRET, and the command line resets it', async () => {
    const { user, secret } = await enrolled('ADMIN');
    const otherKey = sealingKey('another-secret-that-was-rotated-away-000000', 'totp-secrets', 'sparados-panel authenticator secret');
    await db.adminUser.update({ where: { id: user.id }, data: { totpSecretSealed: seal(secret, otherKey) } });
    const claims = await signIn(user);
    expect(await checkSecondFactor(user.id, totpCode(secret, later(1)), ipOf(), db, later(1))).toEqual({ ok: false, reason: 'UNREADABLE' });

    await expect(resetTwoFactorFromConsole(db, { email: 'nobody-here@int.test' })).rejects.toThrow(/No admin user/);
    expect(await resetTwoFactorFromConsole(db, { email: user.email.toUpperCase() })).toEqual([user.email]);
    expect(await resolveSession(db, claims, MAX_AGE, [])).toBeNull();
    const row = await db.adminUser.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.totpEnabledAt, row.totpSecretSealed]).toEqual([null, null]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'users.reset_two_factor', targetId: user.id } });
    expect(audit).toMatchObject({ actorId: null, actorName: 'Command line (npm run db:reset-two-factor)' });
  });
});
