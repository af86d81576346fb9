import { randomUUID } from 'node:crypto';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { createTestUser } from '@/tests/support/users';
import { buildAuthOptions } from './options';
import { readClaims, resolveSessionUser } from './session-check';

const HOUR = 3600;
const now = new Date('2031-03-01T12:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

describe('session re-check against the database', () => {
  it('accepts a fresh session of an active user and takes the role from the database', async () => {
    const user = await createTestUser('APPROVER');
    const resolved = await resolveSessionUser(db, { uid: user.id, sv: user.sessionVersion, authTime: nowSeconds - 60, sid: randomUUID(), mfa: false }, 8 * HOUR, [], now);
    expect(resolved).toEqual({ id: user.id, email: user.email, name: user.name, role: 'APPROVER' });
  });

  it('ends sessions when the user is disabled or their session version moves on', async () => {
    const user = await createTestUser('OPERATOR');
    const claims = { uid: user.id, sv: user.sessionVersion, authTime: nowSeconds - 60, sid: randomUUID(), mfa: false };

    await db.adminUser.update({ where: { id: user.id }, data: { role: 'VIEWER', sessionVersion: { increment: 1 } } });
    expect(await resolveSessionUser(db, claims, 8 * HOUR, [], now)).toBeNull();

    const renewed = { ...claims, sv: user.sessionVersion + 1 };
    expect(await resolveSessionUser(db, renewed, 8 * HOUR, [], now)).toMatchObject({ role: 'VIEWER' });

    await db.adminUser.update({ where: { id: user.id }, data: { status: 'DISABLED' } });
    expect(await resolveSessionUser(db, renewed, 8 * HOUR, [], now)).toBeNull();
  });

  it('ends a session at its maximum age however recently it was used', async () => {
    const user = await createTestUser('VIEWER');
    const claims = { uid: user.id, sv: user.sessionVersion, authTime: nowSeconds - 8 * HOUR, sid: randomUUID(), mfa: false };
    expect(await resolveSessionUser(db, claims, 8 * HOUR, [], now)).toBeNull();
    expect(await resolveSessionUser(db, { ...claims, authTime: claims.authTime + 1 }, 8 * HOUR, [], now)).not.toBeNull();
  });

  it('refuses missing claims and unknown users', async () => {
    expect(await resolveSessionUser(db, null, HOUR, [], now)).toBeNull();
    expect(await resolveSessionUser(db, { uid: '00000000-0000-4000-8000-000000000000', sv: 0, authTime: nowSeconds, sid: randomUUID(), mfa: false }, HOUR, [], now)).toBeNull();
  });

  it('refuses a session that was signed out, even when its cookie is presented again', async () => {
    const env = getEnv();
    const options = buildAuthOptions(env);
    const maxAge = env.SESSION_MAX_AGE_MINUTES * 60;
    const user = await createTestUser('ADMIN');

    // What next-auth does at sign-in and on every request: the jwt callback, then the encrypted cookie.
    const signIn = async (): Promise<string> => {
      const token = (await options.callbacks!.jwt!({
        token: { email: user.email },
        user: { id: user.id, email: user.email, name: user.name },
        account: null,
        trigger: 'signIn',
      })) as JWT;
      return encode({ token, secret: env.NEXTAUTH_SECRET, maxAge });
    };
    const userOf = async (cookie: string) =>
      resolveSessionUser(db, readClaims(await decode({ token: cookie, secret: env.NEXTAUTH_SECRET })), maxAge, []);

    const laptop = await signIn();
    const phone = await signIn();
    expect(await userOf(laptop)).toMatchObject({ id: user.id });
    expect(await userOf(phone)).toMatchObject({ id: user.id });

    const token = await decode({ token: laptop, secret: env.NEXTAUTH_SECRET });
    // With JWT sessions next-auth's sign-out route passes only the decoded token (its type says both).
    await options.events!.signOut!({ token: token!, session: undefined as never });

    expect(await userOf(laptop)).toBeNull();
    // Only that session ends; the user's other one goes on.
    expect(await userOf(phone)).toMatchObject({ id: user.id });
    const row = await db.revokedSession.findUniqueOrThrow({ where: { id: readClaims(token)!.sid } });
    expect(row.userId).toBe(user.id);
    expect(row.expiresAt.getTime()).toBe((readClaims(token)!.authTime + maxAge) * 1000);
  });

  it('refuses a cookie without a session id (issued before sign-out could revoke it)', async () => {
    const user = await createTestUser('VIEWER');
    expect(readClaims({ uid: user.id, sv: user.sessionVersion, authTime: nowSeconds })).toBeNull();
    expect(readClaims({ uid: user.id, sv: user.sessionVersion, authTime: nowSeconds, sid: 'not-a-uuid' })).toBeNull();
  });
});
