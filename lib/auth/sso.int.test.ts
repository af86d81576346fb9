import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser } from '@/tests/support/users';
import { admitSsoUser } from './sso';

describe('single sign-on admission', () => {
  it('creates a first-time user with the configured default role and audits it', async () => {
    const email = `Sso-${randomUUID()}@Corp.Test`;
    const outcome = await admitSsoUser(db, { email, name: 'Ewa Sso', emailVerified: true }, 'OPERATOR');
    expect(outcome).toMatchObject({ ok: true, created: true });
    const user = await db.adminUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({ name: 'Ewa Sso', role: 'OPERATOR', status: 'ACTIVE', passwordHash: null });
    expect(await db.auditEvent.count({ where: { action: 'users.sso_created', targetId: user.id } })).toBe(1);

    expect(await admitSsoUser(db, { email, name: 'Ewa Sso' }, 'ADMIN')).toMatchObject({ ok: true, created: false, userId: user.id });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('OPERATOR');
  });

  it('keeps disabled users out and refuses unverified or missing e-mails', async () => {
    const disabled = await createTestUser('ADMIN', { status: 'DISABLED' });
    expect(await admitSsoUser(db, { email: disabled.email }, 'VIEWER')).toEqual({ ok: false, reason: 'INACTIVE' });
    expect(await admitSsoUser(db, { email: `x-${randomUUID()}@corp.test`, emailVerified: false }, 'VIEWER')).toEqual({
      ok: false,
      reason: 'UNVERIFIED',
    });
    expect(await admitSsoUser(db, { email: undefined }, 'VIEWER')).toEqual({ ok: false, reason: 'NO_EMAIL' });
  });

  it('activates an invited user and closes their invitation', async () => {
    const invited = await createTestUser('APPROVER', { status: 'INVITED', password: null });
    await db.invitation.create({ data: { userId: invited.id, tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) } });
    expect(await admitSsoUser(db, { email: invited.email }, 'VIEWER')).toMatchObject({ ok: true, created: false });
    const after = await db.adminUser.findUniqueOrThrow({ where: { id: invited.id }, include: { invitation: true } });
    expect(after.status).toBe('ACTIVE');
    expect(after.role).toBe('APPROVER');
    expect(after.invitation?.acceptedAt).not.toBeNull();
    // Same action name as accepting with a password, so the audit log's action filter finds both.
    expect(await db.auditEvent.findFirst({ where: { action: 'users.invitation_accept', targetId: invited.id }, select: { summary: true } })).toEqual({
      summary: `${invited.name} accepted the invitation by signing in with single sign-on.`,
    });
  });
});
