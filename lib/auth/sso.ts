import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { recordAudit } from '@/lib/audit/record';
import { ROLE_LABELS, type Role } from './permissions';
import { normalizeEmail } from './throttle';

export interface SsoProfile {
  email: unknown;
  name?: unknown;
  emailVerified?: unknown;
}

export type SsoOutcome =
  | { ok: true; userId: string; created: boolean }
  | { ok: false; reason: 'NO_EMAIL' | 'UNVERIFIED' | 'INACTIVE' | 'NOT_INVITED' | 'DOMAIN_NOT_ALLOWED' };

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
 * Admits a single sign-on user: the identity provider vouches for the e-mail, the panel decides
 * who gets in and with which role. An invited user is activated; an existing one signs in; a
 * disabled one stays out. Someone the panel does not know gets in only when the policy opens
 * sign-up, and only from its allowed domains (a provider such as Google knows everybody).
 */
export async function admitSsoUser(db: PrismaClient, profile: SsoProfile, policy: SsoSignupPolicy, now: Date = new Date()): Promise<SsoOutcome> {
  if (typeof profile.email !== 'string' || !profile.email.includes('@')) return { ok: false, reason: 'NO_EMAIL' };
  // Providers that send the claim must say true; absent means the provider only issues verified addresses.
  if (profile.emailVerified === false || profile.emailVerified === 'false') return { ok: false, reason: 'UNVERIFIED' };
  const email = normalizeEmail(profile.email);
  const name = typeof profile.name === 'string' && profile.name.trim() ? profile.name.trim() : email;

  const existing = await db.adminUser.findUnique({ where: { email } });
  if (existing?.status === 'DISABLED') return { ok: false, reason: 'INACTIVE' };

  if (existing) {
    await db.$transaction(async (tx) => {
      await tx.adminUser.update({ where: { id: existing.id }, data: { status: 'ACTIVE', lastLoginAt: now } });
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
    const created = await tx.adminUser.create({ data: { email, name, role: defaultRole, status: 'ACTIVE', lastLoginAt: now } });
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
