import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { recordAudit } from '@/lib/audit/record';
import { ROLE_LABELS, type Role } from './permissions';
import { normalizeEmail } from './throttle';

export interface SsoProfile {
  /** The ID token's issuer and subject: who the person is at the provider, for good. */
  issuer: unknown;
  subject: unknown;
  email: unknown;
  name?: unknown;
  emailVerified?: unknown;
}

export type SsoOutcome =
  | { ok: true; userId: string; created: boolean }
  | { ok: false; reason: 'NO_SUBJECT' | 'NO_EMAIL' | 'UNVERIFIED' | 'INACTIVE' | 'NOT_INVITED' | 'INVITATION_EXPIRED' | 'OTHER_IDENTITY' | 'DOMAIN_NOT_ALLOWED' };

/** Who may join through single sign-on without an invitation (env AUTH_OIDC_*). */
export interface SsoSignupPolicy {
  /** null: invitation only. */
  newUsers: { role: Role; allowedDomains: readonly string[] } | null;
}

export const INVITATION_ONLY: SsoSignupPolicy = { newUsers: null };

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/**
 * Admits a single sign-on user: the identity provider vouches for the person, the panel decides who
 * gets in and with which role (docs/decisions/054). The provider must say the e-mail is verified
 * (`email_verified` true; absent is not enough). The first sign-in binds the panel's user to the
 * provider's issuer and subject; later sign-ins are matched on those, so a provider account that
 * merely carries the same e-mail later cannot take the user over. An invited user is activated only
 * while their invitation is open (not expired, not revoked); an existing one signs in; a disabled one
 * stays out. Someone the panel does not know gets in only when the policy opens sign-up, and only
 * from its allowed domains (a provider such as Google knows everybody).
 */
export async function admitSsoUser(db: PrismaClient, profile: SsoProfile, policy: SsoSignupPolicy, now: Date = new Date()): Promise<SsoOutcome> {
  if (typeof profile.issuer !== 'string' || !profile.issuer || typeof profile.subject !== 'string' || !profile.subject) return { ok: false, reason: 'NO_SUBJECT' };
  if (typeof profile.email !== 'string' || !profile.email.includes('@')) return { ok: false, reason: 'NO_EMAIL' };
  if (profile.emailVerified !== true && profile.emailVerified !== 'true') return { ok: false, reason: 'UNVERIFIED' };
  const identity = { oidcIssuer: profile.issuer, oidcSubject: profile.subject };
  const email = normalizeEmail(profile.email);
  const name = typeof profile.name === 'string' && profile.name.trim() ? profile.name.trim() : email;

  const bound = await db.adminUser.findUnique({ where: { oidcIssuer_oidcSubject: identity }, include: { invitation: true } });
  const byEmail = bound ? null : await db.adminUser.findUnique({ where: { email }, include: { invitation: true } });
  // The e-mail belongs to a user already bound to another identity at a provider: not this person.
  if (byEmail && byEmail.oidcSubject !== null) return { ok: false, reason: 'OTHER_IDENTITY' };
  const existing = bound ?? byEmail;
  if (existing?.status === 'DISABLED') return { ok: false, reason: 'INACTIVE' };
  if (existing?.status === 'INVITED') {
    const invitation = existing.invitation;
    if (!invitation || invitation.acceptedAt !== null) return { ok: false, reason: 'NOT_INVITED' };
    if (invitation.expiresAt <= now) return { ok: false, reason: 'INVITATION_EXPIRED' };
  }

  if (existing) {
    await db.$transaction(async (tx) => {
      await tx.adminUser.update({ where: { id: existing.id }, data: { status: 'ACTIVE', lastLoginAt: now, ...identity } });
      if (existing.status === 'ACTIVE') {
        await recordAudit(
          tx,
          { action: 'auth.sign_in', summary: `${existing.name} signed in with single sign-on.`, targetType: 'AdminUser', targetId: existing.id },
          { actor: { id: existing.id, email, name: existing.name }, ip: null, at: now },
        );
      } else if (existing.status === 'INVITED') {
        await tx.invitation.updateMany({ where: { userId: existing.id, acceptedAt: null }, data: { acceptedAt: now } });
        await recordAudit(
          tx,
          {
            action: 'users.invitation_accept',
            summary: `${existing.name} accepted the invitation by signing in with single sign-on.`,
            targetType: 'AdminUser',
            targetId: existing.id,
          },
          { actor: { id: existing.id, email, name: existing.name }, ip: null, at: now },
        );
      }
    });
    return { ok: true, userId: existing.id, created: false };
  }

  if (!policy.newUsers) return { ok: false, reason: 'NOT_INVITED' };
  if (!policy.newUsers.allowedDomains.includes(domainOf(email))) return { ok: false, reason: 'DOMAIN_NOT_ALLOWED' };
  const defaultRole = policy.newUsers.role;
  const user = await db.$transaction(async (tx) => {
    const created = await tx.adminUser.create({ data: { email, name, role: defaultRole, status: 'ACTIVE', lastLoginAt: now, ...identity } });
    await recordAudit(
      tx,
      {
        action: 'users.sso_created',
        summary: `${name} signed in with single sign-on for the first time and was added as ${ROLE_LABELS[defaultRole]}.`,
        targetType: 'AdminUser',
        targetId: created.id,
        after: { email, name, role: defaultRole, status: 'ACTIVE' },
      },
      { actor: { id: created.id, email, name }, ip: null, at: now },
    );
    return created;
  });
  return { ok: true, userId: user.id, created: true };
}
