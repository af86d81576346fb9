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

export type SsoOutcome = { ok: true; userId: string; created: boolean } | { ok: false; reason: 'NO_EMAIL' | 'UNVERIFIED' | 'INACTIVE' };

/**
 * Admits a single sign-on user: the identity provider vouches for the e-mail, the panel decides
 * the role. A first-time user gets the configured default role; an invited user is activated; a
 * disabled user stays out.
 */
export async function admitSsoUser(db: PrismaClient, profile: SsoProfile, defaultRole: Role, now: Date = new Date()): Promise<SsoOutcome> {
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
