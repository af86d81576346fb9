import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser } from '@/tests/support/users';
import { resolveSessionUser } from './session-check';

const HOUR = 3600;
const now = new Date('2031-03-01T12:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

describe('session re-check against the database', () => {
  it('accepts a fresh session of an active user and takes the role from the database', async () => {
    const user = await createTestUser('APPROVER');
    const resolved = await resolveSessionUser(db, { uid: user.id, sv: user.sessionVersion, authTime: nowSeconds - 60 }, 8 * HOUR, now);
    expect(resolved).toEqual({ id: user.id, email: user.email, name: user.name, role: 'APPROVER' });
  });

  it('ends sessions when the user is disabled or their session version moves on', async () => {
    const user = await createTestUser('OPERATOR');
    const claims = { uid: user.id, sv: user.sessionVersion, authTime: nowSeconds - 60 };

    await db.adminUser.update({ where: { id: user.id }, data: { role: 'VIEWER', sessionVersion: { increment: 1 } } });
    expect(await resolveSessionUser(db, claims, 8 * HOUR, now)).toBeNull();

    const renewed = { ...claims, sv: user.sessionVersion + 1 };
    expect(await resolveSessionUser(db, renewed, 8 * HOUR, now)).toMatchObject({ role: 'VIEWER' });

    await db.adminUser.update({ where: { id: user.id }, data: { status: 'DISABLED' } });
    expect(await resolveSessionUser(db, renewed, 8 * HOUR, now)).toBeNull();
  });

  it('ends a session at its maximum age however recently it was used', async () => {
    const user = await createTestUser('VIEWER');
    const claims = { uid: user.id, sv: user.sessionVersion, authTime: nowSeconds - 8 * HOUR };
    expect(await resolveSessionUser(db, claims, 8 * HOUR, now)).toBeNull();
    expect(await resolveSessionUser(db, { ...claims, authTime: claims.authTime + 1 }, 8 * HOUR, now)).not.toBeNull();
  });

  it('refuses missing claims and unknown users', async () => {
    expect(await resolveSessionUser(db, null, HOUR, now)).toBeNull();
    expect(await resolveSessionUser(db, { uid: '00000000-0000-4000-8000-000000000000', sv: 0, authTime: nowSeconds }, HOUR, now)).toBeNull();
  });
});
