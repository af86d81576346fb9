import 'server-only';
import { db } from '@/lib/db';
import type { Role } from '@/lib/auth/permissions';
import { hashInvitationToken } from './invitation-token';

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: 'INVITED' | 'ACTIVE' | 'DISABLED';
  lastLoginAt: Date | null;
  createdAt: Date;
  invitedByName: string | null;
  invitationExpiresAt: Date | null;
  twoFactorOn: boolean;
}

export async function listAdminUsers(): Promise<AdminUserRow[]> {
  const users = await db.adminUser.findMany({
    orderBy: [{ status: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      status: true,
      lastLoginAt: true,
      createdAt: true,
      invitedBy: { select: { name: true } },
      invitation: { select: { expiresAt: true, acceptedAt: true } },
      totpEnabledAt: true,
    },
  });
  return users.map(({ invitedBy, invitation, totpEnabledAt, ...user }) => ({
    ...user,
    twoFactorOn: totpEnabledAt !== null,
    invitedByName: invitedBy?.name ?? null,
    invitationExpiresAt: invitation && !invitation.acceptedAt ? invitation.expiresAt : null,
  }));
}

export type InvitationLookup =
  | { state: 'valid'; email: string; name: string; expiresAt: Date }
  | { state: 'expired' | 'used' | 'unknown' };

/** What the invitation page may show for a token; never more than the invitee's own name and e-mail. */
export async function findInvitation(token: string, now: Date = new Date()): Promise<InvitationLookup> {
  if (token.length < 16 || token.length > 200) return { state: 'unknown' };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { user: { select: { email: true, name: true, status: true } } },
  });
  if (!invitation) return { state: 'unknown' };
  if (invitation.acceptedAt || invitation.user.status !== 'INVITED') return { state: 'used' };
  if (invitation.expiresAt <= now) return { state: 'expired' };
  return { state: 'valid', email: invitation.user.email, name: invitation.user.name, expiresAt: invitation.expiresAt };
}
