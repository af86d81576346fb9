import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser } from '@/tests/support/users';
import { checkCredentials } from './credentials';
import { loginLockStatus } from './throttle';

// The real argon2 runs; the spy only counts how many passwords were verified.
const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      argon2.verifications += 1;
      return real.verify(...args);
    },
  };
});

const limits = { maxFailures: 5, lockMinutes: 15 }; // LOGIN_MAX_FAILURES' default
const t0 = new Date('2031-04-01T09:00:00Z');

describe('a burst of parallel sign-in guesses', () => {
  beforeEach(() => {
    argon2.verifications = 0;
  });

  it('verifies at most LOGIN_MAX_FAILURES passwords, locks the e-mail and refuses the right password after the limit', async () => {
    const user = await createTestUser('ADMIN');
    const ip = `2001:db8::b:${randomUUID().slice(0, 4)}`;
    const guess = (password: string) => checkCredentials(db, { email: user.email, password, ip }, limits, t0);

    const wrong = Array.from({ length: 20 }, (_, i) => guess(`wrong-guess-${i}`));
    // Once the limit's worth of guesses are being verified, the right password joins the burst.
    await vi.waitFor(() => expect(argon2.verifications).toBeGreaterThanOrEqual(limits.maxFailures), { timeout: 30_000, interval: 1 });
    const right = guess(user.password);
    const outcomes = await Promise.all([...wrong, right]);

    expect(argon2.verifications).toBe(limits.maxFailures);
    expect(outcomes.at(-1)).toEqual({ ok: false, reason: 'LOCKED', minutes: 15 });
    expect(outcomes.filter((o) => !o.ok && o.reason === 'INVALID')).toHaveLength(limits.maxFailures - 1);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'LOCKED')).toHaveLength(20 - (limits.maxFailures - 1) + 1);
    expect(await loginLockStatus(db, [`email:${user.email}`], t0)).toEqual({ locked: true, minutes: 15 });
    expect(await db.loginThrottle.findUnique({ where: { key: `email:${user.email}` } })).toMatchObject({
      failures: limits.maxFailures,
      pending: 0,
    });
    // The address took only the verified guesses, and none is left in flight.
    expect(await db.loginThrottle.findUnique({ where: { key: `ip:${ip}` } })).toMatchObject({ failures: limits.maxFailures, pending: 0 });
  });

  it('lets the right password through when it gets a slot, and frees every slot afterwards', async () => {
    const user = await createTestUser('VIEWER');
    const ip = `2001:db8::c:${randomUUID().slice(0, 4)}`;
    const guess = (password: string) => checkCredentials(db, { email: user.email, password, ip }, limits, t0);

    const outcomes = await Promise.all([guess('wrong-1'), guess(user.password), guess('wrong-2')]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(argon2.verifications).toBe(3);
    // The address counter keeps its failures (decision 052) but holds no slot for the finished attempts.
    const ipRow = await db.loginThrottle.findUnique({ where: { key: `ip:${ip}` } });
    expect(ipRow?.pending).toBe(0);
    expect(ipRow?.failures).toBe(2);
  });
});
