'use server';

import { defineAction, definePublicAction } from '@/lib/actions/define-action';
import { hashPassword } from '@/lib/auth/password';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { hashInvitationToken, invitationExpiry, invitationPath, newInvitationToken } from './invitation-token';
import { assertCanChangeRole, assertCanSetStatus, statusWhenEnabled } from './rules';
import { acceptInvitationSchema, changeRoleSchema, inviteAdminUserSchema, setStatusSchema, userIdSchema } from './schemas';

// Admin user management (ADMIN only) and invitation acceptance (public, token-gated).
// Changes that must see a consistent count of admins run in serializable transactions: two admins
// disabling each other at once cannot leave the panel with none (one of them gets CONFLICT).

const USERS_PAGE = '/settings/users';
const SERIALIZABLE = { isolationLevel: 'Serializable' } as const;

function countActiveAdmins(db: Prisma.TransactionClient): Promise<number> {
  return db.adminUser.count({ where: { role: 'ADMIN', status: 'ACTIVE' } });
}

async function loadUser(db: Prisma.TransactionClient, userId: string) {
  const user = await db.adminUser.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('NOT_FOUND', 'This admin user does not exist.');
  return user;
}

export const inviteAdminUser = defineAction({
  name: 'users.invite',
  permission: 'users.manage',
  schema: inviteAdminUserSchema,
  transaction: true,
  revalidate: [USERS_PAGE],
  async run(input, { db, user, now }) {
    const existing = await db.adminUser.findUnique({ where: { email: input.email } });
    if (existing) {
      throw new AppError('CONFLICT', 'An admin user with this e-mail already exists.', {
        fieldErrors: { email: ['An admin user with this e-mail already exists'] },
      });
    }
    const token = newInvitationToken();
    const expiresAt = invitationExpiry(now);
    const created = await db.adminUser.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        status: 'INVITED',
        invitedById: user.id,
        invitation: { create: { tokenHash: hashInvitationToken(token), expiresAt } },
      },
    });
    return { userId: created.id, email: created.email, invitePath: invitationPath(token), expiresAt: expiresAt.toISOString() };
  },
  audit: (input, data, { user }) => ({
    action: 'users.invite',
    summary: `${user.name} invited ${input.name} <${input.email}> as ${ROLE_LABELS[input.role]}.`,
    targetType: 'AdminUser',
    targetId: data.userId,
    after: { email: input.email, name: input.name, role: input.role, status: 'INVITED' },
  }),
});

export const renewInvitation = defineAction({
  name: 'users.invitation_renew',
  permission: 'users.manage',
  schema: userIdSchema,
  transaction: true,
  revalidate: [USERS_PAGE],
  async run({ userId }, { db, now }) {
    const target = await loadUser(db, userId);
    if (target.status !== 'INVITED') throw new AppError('INVALID_STATE', 'Only users who have not joined yet get invitation links.');
    const token = newInvitationToken();
    const expiresAt = invitationExpiry(now);
    const data = { tokenHash: hashInvitationToken(token), expiresAt, acceptedAt: null, createdAt: now };
    await db.invitation.upsert({ where: { userId }, create: { userId, ...data }, update: data });
    return { userId, name: target.name, email: target.email, invitePath: invitationPath(token), expiresAt: expiresAt.toISOString() };
  },
  audit: (_input, data, { user }) => ({
    action: 'users.invitation_renew',
    summary: `${user.name} made a new invitation link for ${data.name} <${data.email}>; older links stop working.`,
    targetType: 'AdminUser',
    targetId: data.userId,
  }),
});

export const setAdminUserStatus = defineAction({
  name: 'users.set_status',
  permission: 'users.manage',
  schema: setStatusSchema,
  transaction: SERIALIZABLE,
  revalidate: [USERS_PAGE],
  async run({ userId, status }, { db, user }) {
    const target = await loadUser(db, userId);
    assertCanSetStatus(user.id, target, status, await countActiveAdmins(db));
    const next = status === 'DISABLED' ? 'DISABLED' : statusWhenEnabled(target);
    // Disabling revokes an open invitation: enabled again, the user needs a new link (the old one stays dead).
    if (next === 'DISABLED') await db.invitation.deleteMany({ where: { userId, acceptedAt: null } });
    await db.adminUser.update({
      where: { id: userId },
      // A new session version ends every session the user has open, at once.
      data: { status: next, sessionVersion: { increment: 1 } },
    });
    return { userId, name: target.name, email: target.email, before: target.status, after: next };
  },
  audit: (_input, data, { user }) => ({
    action: data.after === 'DISABLED' ? 'users.disable' : 'users.enable',
    summary:
      data.after === 'DISABLED'
        ? `${user.name} disabled ${data.name} <${data.email}>; their sessions ended.`
        : `${user.name} enabled ${data.name} <${data.email}> again.`,
    targetType: 'AdminUser',
    targetId: data.userId,
    before: { status: data.before },
    after: { status: data.after },
  }),
});

export const changeAdminUserRole = defineAction({
  name: 'users.change_role',
  permission: 'users.manage',
  schema: changeRoleSchema,
  transaction: SERIALIZABLE,
  revalidate: [USERS_PAGE],
  async run({ userId, role }, { db }) {
    const target = await loadUser(db, userId);
    assertCanChangeRole(target, role, await countActiveAdmins(db));
    await db.adminUser.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 } } });
    return { userId, name: target.name, email: target.email, before: target.role, after: role };
  },
  audit: (_input, data, { user }) => ({
    action: 'users.change_role',
    summary: `${user.name} changed the role of ${data.name} <${data.email}> from ${ROLE_LABELS[data.before]} to ${ROLE_LABELS[data.after]}.`,
    targetType: 'AdminUser',
    targetId: data.userId,
    before: { role: data.before },
    after: { role: data.after },
  }),
});

export const acceptInvitation = definePublicAction({
  name: 'users.invitation_accept',
  schema: acceptInvitationSchema,
  transaction: true,
  async run({ token, password }, { db, now }) {
    const invitation = await db.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, include: { user: true } });
    if (!invitation || invitation.acceptedAt || invitation.user.status !== 'INVITED') {
      throw new AppError('NOT_FOUND', 'This invitation link is not valid any more. Ask an admin for a new one.');
    }
    if (invitation.expiresAt <= now) {
      throw new AppError('INVALID_STATE', 'This invitation link has expired. Ask an admin for a new one.');
    }
    // Claim the invitation first: of two parallel submissions only one sees it unaccepted.
    const claimed = await db.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now } });
    if (claimed.count !== 1) throw new AppError('CONFLICT', 'This invitation was just used.');
    await db.adminUser.update({
      where: { id: invitation.userId },
      data: { passwordHash: await hashPassword(password), status: 'ACTIVE', sessionVersion: { increment: 1 } },
    });
    const { id, email, name } = invitation.user;
    return { id, email, name };
  },
  audit: (_input, invitee) => ({
    action: 'users.invitation_accept',
    summary: `${invitee.name} <${invitee.email}> accepted the invitation and set a password.`,
    targetType: 'AdminUser',
    targetId: invitee.id,
    actor: invitee,
  }),
});
