import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser } from '@/tests/support/users';
import { checkCredentials } from './credentials';
import { loginLockStatus } from './throttle';
import { IP_FAILURE_FACTOR } from './throttle-policy';

const limits = { maxFailures: 3, lockMinutes: 15 };
const t0 = new Date('2031-03-01T09:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/** A documentation-range address per test, so tests never share an IP counter. */
function testIp(): string {
  const n = Number.parseInt(randomUUID().slice(0, 4), 16);
  return `2001:db8::${n.toString(16)}`;
}

describe('sign-in throttling against the database', () => {
  it('signs in with the right password and resets the e-mail counter', async () => {
    const user = await createTestUser('OPERATOR');
    const ip = testIp();
    expect(await checkCredentials(db, { email: user.email, password: 'wrong', ip }, limits, t0)).toEqual({ ok: false, reason: 'INVALID' });
    const ok = await checkCredentials(db, { email: user.email.toUpperCase(), password: user.password, ip }, limits, t0);
    expect(ok).toMatchObject({ ok: true, user: { id: user.id, role: 'OPERATOR' } });
    expect(await db.loginThrottle.findUnique({ where: { key: `email:${user.email}` } })).toBeNull();
    const row = await db.adminUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastLoginAt?.toISOString()).toBe(t0.toISOString());
  });

  it('locks an e-mail after the limit, refuses even the right password, and reopens after the lock', async () => {
    const user = await createTestUser('VIEWER');
    const ip = testIp();
    const attempt = (password: string, at: Date) => checkCredentials(db, { email: user.email, password, ip }, limits, at);

    expect(await attempt('wrong-1', t0)).toEqual({ ok: false, reason: 'INVALID' });
    expect(await attempt('wrong-2', t0)).toEqual({ ok: false, reason: 'INVALID' });
    expect(await attempt('wrong-3', t0)).toEqual({ ok: false, reason: 'LOCKED', minutes: 15 });
    expect(await attempt(user.password, later(5))).toEqual({ ok: false, reason: 'LOCKED', minutes: 10 });

    const audit = await db.auditEvent.findFirst({ where: { action: 'auth.locked', targetId: user.id } });
    expect(audit?.summary).toContain(user.email);

    expect(await attempt(user.password, later(15))).toMatchObject({ ok: true });
  });

  it('treats an unknown e-mail exactly like a known one', async () => {
    const email = `nobody-${randomUUID()}@int.test`;
    const ip = testIp();
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push(await checkCredentials(db, { email, password: 'guess', ip }, limits, t0));
    expect(outcomes).toEqual([
      { ok: false, reason: 'INVALID' },
      { ok: false, reason: 'INVALID' },
      { ok: false, reason: 'LOCKED', minutes: 15 },
    ]);
  });

  it('counts parallel guesses without losing any', async () => {
    // Exactly as many parallel guesses as the limit: a single lost update would leave it unlocked.
    const parallelLimits = { maxFailures: 8, lockMinutes: 15 };
    const user = await createTestUser('VIEWER');
    const ip = testIp();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => checkCredentials(db, { email: user.email, password: `parallel-${i}`, ip }, parallelLimits, t0)),
    );
    expect(outcomes.filter((o) => !o.ok && o.reason === 'INVALID')).toHaveLength(7);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'LOCKED')).toHaveLength(1);
    expect(await loginLockStatus(db, [`email:${user.email}`], t0)).toEqual({ locked: true, minutes: 15 });
  });

  it('locks a network address that sprays many e-mails, at a higher limit', async () => {
    const ip = testIp();
    const ipLimit = limits.maxFailures * IP_FAILURE_FACTOR;
    for (let i = 0; i < ipLimit - 1; i += 1) {
      const outcome = await checkCredentials(db, { email: `spray-${i}-${randomUUID()}@int.test`, password: 'x', ip }, limits, t0);
      expect(outcome).toEqual({ ok: false, reason: 'INVALID' });
    }
    const last = await checkCredentials(db, { email: `spray-last-${randomUUID()}@int.test`, password: 'x', ip }, limits, t0);
    expect(last).toEqual({ ok: false, reason: 'LOCKED', minutes: 15 });

    // Even a real user with the right password is refused from that address, but not from another.
    const user = await createTestUser('VIEWER');
    expect(await checkCredentials(db, { email: user.email, password: user.password, ip }, limits, later(1))).toMatchObject({
      ok: false,
      reason: 'LOCKED',
    });
    expect(await checkCredentials(db, { email: user.email, password: user.password, ip: testIp() }, limits, later(1))).toMatchObject({
      ok: true,
    });
  });

  it('refuses disabled and invited users without counting a failure', async () => {
    const disabled = await createTestUser('ADMIN', { status: 'DISABLED' });
    const ip = testIp();
    expect(await checkCredentials(db, { email: disabled.email, password: disabled.password, ip }, limits, t0)).toEqual({
      ok: false,
      reason: 'INACTIVE',
    });
    expect(await db.loginThrottle.findUnique({ where: { key: `email:${disabled.email}` } })).toBeNull();

    const invited = await createTestUser('VIEWER', { status: 'INVITED', password: null });
    expect(await checkCredentials(db, { email: invited.email, password: '', ip }, limits, t0)).toEqual({ ok: false, reason: 'INVALID' });
  });
});
