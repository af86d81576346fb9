import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser } from '@/tests/support/users';
import { INVITATION_ONLY, admitSsoUser, type SsoProfile, type SsoSignupPolicy } from './sso';

// Single sign-on admission (docs/decisions/054): who the provider's person is (issuer + subject), whether
// the provider verified the e-mail, and whether the panel lets them in.

const openTo = (role: 'VIEWER' | 'OPERATOR' | 'ADMIN', ...allowedDomains: string[]): SsoSignupPolicy => ({ newUsers: { role, allowedDomains } });
const ISSUER = 'https://idp.corp.test';
/** A provider person: a fresh subject unless given; the e-mail verified unless said otherwise. */
const person = (email: unknown, extra: Partial<SsoProfile> = {}): SsoProfile => ({ issuer: ISSUER, subject: `sub-${randomUUID()}`, email, emailVerified: true, ...extra });

describe('single sign-on admission', () => {
  it('by default admits nobody it does not know: an uninvited user is refused and nothing is created', async () => {
    const email = `stranger-${randomUUID()}@corp.test`;
    expect(await admitSsoUser(db, person(email, { name: 'Stranger' }), INVITATION_ONLY)).toEqual({ ok: false, reason: 'NOT_INVITED' });
    expect(await db.adminUser.count({ where: { email } })).toBe(0);
  });

  it('with open sign-up, admits new users only from the allowed domains', async () => {
    const outsider = `someone-${randomUUID()}@gmail.test`;
    expect(await admitSsoUser(db, person(outsider), openTo('VIEWER', 'corp.test'))).toEqual({ ok: false, reason: 'DOMAIN_NOT_ALLOWED' });
    // A look-alike domain that merely ends with the allowed one is another domain.
    const lookAlike = `someone-${randomUUID()}@evilcorp.test`;
    expect(await admitSsoUser(db, person(lookAlike), openTo('VIEWER', 'corp.test'))).toEqual({ ok: false, reason: 'DOMAIN_NOT_ALLOWED' });
    expect(await db.adminUser.count({ where: { email: { in: [outsider, lookAlike] } } })).toBe(0);
  });

  it('creates a first-time user with the configured default role, bound to their provider identity, and audits it', async () => {
    const email = `Sso-${randomUUID()}@Corp.Test`;
    const profile = person(email, { name: 'Ewa Sso' });
    const outcome = await admitSsoUser(db, profile, openTo('OPERATOR', 'corp.test'));
    expect(outcome).toMatchObject({ ok: true, created: true });
    const user = await db.adminUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({ name: 'Ewa Sso', role: 'OPERATOR', status: 'ACTIVE', passwordHash: null, oidcIssuer: ISSUER, oidcSubject: profile.subject });
    expect(await db.auditEvent.count({ where: { action: 'users.sso_created', targetId: user.id } })).toBe(1);

    expect(await admitSsoUser(db, { ...profile, name: 'Ewa Sso' }, openTo('ADMIN', 'corp.test'))).toMatchObject({ ok: true, created: false, userId: user.id });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('OPERATOR');
    // Once in the panel, they sign in again even after sign-up is closed.
    expect(await admitSsoUser(db, profile, INVITATION_ONLY)).toMatchObject({ ok: true, created: false, userId: user.id });
  });

  it('matches on the provider identity, not the e-mail: another account with the same e-mail is refused; a changed e-mail still signs in', async () => {
    const invited = await createTestUser('APPROVER', { status: 'INVITED', password: null });
    await db.invitation.create({ data: { userId: invited.id, tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) } });
    const owner = person(invited.email);
    expect(await admitSsoUser(db, owner, INVITATION_ONLY)).toMatchObject({ ok: true, userId: invited.id });
    // Someone who made a provider account (or one at another provider) with the same address later.
    expect(await admitSsoUser(db, person(invited.email), INVITATION_ONLY)).toEqual({ ok: false, reason: 'OTHER_IDENTITY' });
    expect(await admitSsoUser(db, person(invited.email, { issuer: 'https://other-idp.test', subject: owner.subject }), INVITATION_ONLY)).toEqual({ ok: false, reason: 'OTHER_IDENTITY' });
    // The owner's address changed at the provider: still them.
    expect(await admitSsoUser(db, { ...owner, email: `renamed-${randomUUID()}@corp.test` }, INVITATION_ONLY)).toMatchObject({ ok: true, userId: invited.id });
  });

  it('keeps disabled users out and refuses unverified, unconfirmed or missing e-mails and identities', async () => {
    const disabled = await createTestUser('ADMIN', { status: 'DISABLED' });
    expect(await admitSsoUser(db, person(disabled.email), INVITATION_ONLY)).toEqual({ ok: false, reason: 'INACTIVE' });
    const stranger = `x-${randomUUID()}@corp.test`;
    expect(await admitSsoUser(db, person(stranger, { emailVerified: false }), openTo('VIEWER', 'corp.test'))).toEqual({ ok: false, reason: 'UNVERIFIED' });
    // A provider that does not say the e-mail is verified is not taken at its word.
    expect(await admitSsoUser(db, person(stranger, { emailVerified: undefined }), openTo('VIEWER', 'corp.test'))).toEqual({ ok: false, reason: 'UNVERIFIED' });
    expect(await admitSsoUser(db, person(undefined), INVITATION_ONLY)).toEqual({ ok: false, reason: 'NO_EMAIL' });
    expect(await admitSsoUser(db, person(stranger, { subject: '' }), openTo('VIEWER', 'corp.test'))).toEqual({ ok: false, reason: 'NO_SUBJECT' });
    expect(await db.adminUser.count({ where: { email: stranger } })).toBe(0);
  });

  it('activates an invited user and closes their invitation', async () => {
    const invited = await createTestUser('APPROVER', { status: 'INVITED', password: null });
    await db.invitation.create({ data: { userId: invited.id, tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) } });
    expect(await admitSsoUser(db, person(invited.email), INVITATION_ONLY)).toMatchObject({ ok: true, created: false });
    const after = await db.adminUser.findUniqueOrThrow({ where: { id: invited.id }, include: { invitation: true } });
    expect(after.status).toBe('ACTIVE');
    expect(after.role).toBe('APPROVER');
    expect(after.invitation?.acceptedAt).not.toBeNull();
    // Same action name as accepting with a password, so the audit log's action filter finds both.
    expect(await db.auditEvent.findFirst({ where: { action: 'users.invitation_accept', targetId: invited.id }, select: { summary: true } })).toEqual({
      summary: `${invited.name} accepted the invitation by signing in with single sign-on.`,
    });
  });

  it('an expired or revoked invitation admits no one', async () => {
    const expired = await createTestUser('APPROVER', { status: 'INVITED', password: null });
    await db.invitation.create({ data: { userId: expired.id, tokenHash: randomUUID(), expiresAt: new Date(Date.now() - 1000) } });
    expect(await admitSsoUser(db, person(expired.email), INVITATION_ONLY)).toEqual({ ok: false, reason: 'INVITATION_EXPIRED' });
    const revoked = await createTestUser('APPROVER', { status: 'INVITED', password: null });
    expect(await admitSsoUser(db, person(revoked.email), INVITATION_ONLY)).toEqual({ ok: false, reason: 'NOT_INVITED' });
    for (const user of [expired, revoked]) expect((await db.adminUser.findUniqueOrThrow({ where: { id: user.id } })).status).toBe('INVITED');
  });
});
