import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser } from '@/tests/support/users';
import { INVITATION_ONLY, admitSsoUser, type SsoSignupPolicy } from './sso';

const openTo = (role: 'VIEWER' | 'OPERATOR' | 'ADMIN', ...allowedDomains: string[]): SsoSignupPolicy => ({ newUsers: { role, allowedDomains } });

describe('single sign-on admission', () => {
  it('by default admits nobody it does not know: an uninvited user is refused and nothing is created', async () => {
    const email = `stranger-${randomUUID()}@corp.test`;
    expect(await admitSsoUser(db, { email, name: 'Stranger', emailVerified: true }, INVITATION_ONLY)).toEqual({ ok: false, reason: 'NOT_INVITED' });
    expect(await db.adminUser.count({ where: { email } })).toBe(0);
  });

  it('with open sign-up, admits new users only from the allowed domains', async () => {
    const outsider = `someone-${randomUUID()}@gmail.test`;
    expect(await admitSsoUser(db, { email: outsider, emailVerified: true }, openTo('VIEWER', 'corp.test'))).toEqual({ ok: false, reason: 'DOMAIN_NOT_ALLOWED' });
    // A look-alike domain that merely ends with the allowed one is another domain.
    const lookAlike = `someone-${randomUUID()}@evilcorp.test`;
    expect(await admitSsoUser(db, { email: lookAlike, emailVerified: true }, openTo('VIEWER', 'corp.test'))).toEqual({ ok: false, reason: 'DOMAIN_NOT_ALLOWED' });
    expect(await db.adminUser.count({ where: { email: { in: [outsider, lookAlike] } } })).toBe(0);
  });

  it('creates a first-time user with the configured default role and audits it', async () => {
    const email = `Sso-${randomUUID()}@Corp.Test`;
    const outcome = await admitSsoUser(db, { email, name: 'Ewa Sso', emailVerified: true }, openTo('OPERATOR', 'corp.test'));
    expect(outcome).toMatchObject({ ok: true, created: true });
    const user = await db.adminUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({ name: 'Ewa Sso', role: 'OPERATOR', status: 'ACTIVE', passwordHash: null });
    expect(await db.auditEvent.count({ where: { action: 'users.sso_created', targetId: user.id } })).toBe(1);

    expect(await admitSsoUser(db, { email, name: 'Ewa Sso' }, openTo('ADMIN', 'corp.test'))).toMatchObject({ ok: true, created: false, userId: user.id });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('OPERATOR');
    // Once in the panel, they sign in again even after sign-up is closed.
    expect(await admitSsoUser(db, { email }, INVITATION_ONLY)).toMatchObject({ ok: true, created: false, userId: user.id });
  });

  it('keeps disabled users out and refuses unverified or missing e-mails', async () => {
    const disabled = await createTestUser('ADMIN', { status: 'DISABLED' });
    expect(await admitSsoUser(db, { email: disabled.email }, INVITATION_ONLY)).toEqual({ ok: false, reason: 'INACTIVE' });
    expect(await admitSsoUser(db, { email: `x-${randomUUID()}@corp.test`, emailVerified: false }, openTo('VIEWER', 'corp.test'))).toEqual({
      ok: false,
      reason: 'UNVERIFIED',
    });
    expect(await admitSsoUser(db, { email: undefined }, INVITATION_ONLY)).toEqual({ ok: false, reason: 'NO_EMAIL' });
  });

  it('activates an invited user and closes their invitation', async () => {
    const invited = await createTestUser('APPROVER', { status: 'INVITED', password: null });
    await db.invitation.create({ data: { userId: invited.id, tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) } });
    expect(await admitSsoUser(db, { email: invited.email }, INVITATION_ONLY)).toMatchObject({ ok: true, created: false });
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
