import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRuntime } from '@/lib/actions/run-action';
import { runAction } from '@/lib/actions/run-action';
import { checkCredentials } from '@/lib/auth/credentials';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createTestUser, type TestUser } from '@/tests/support/users';
import { acceptInvitation, changeAdminUserRole, inviteAdminUser, renewInvitation, setAdminUserStatus } from './actions';
import { findInvitation } from './queries';

// Server actions run through the production pipeline (runAction) with a chosen session.

function as(user: SessionUser | null): ActionRuntime {
  return { db, getUser: async () => user, getIp: async () => '203.0.113.50', logError: () => undefined };
}

const limits = { maxFailures: 5, lockMinutes: 15 };
const tokenOf = (path: string) => path.replace('/invite/', '');

describe('admin user actions', () => {
  let admin: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    admin = await createTestUser('ADMIN');
    viewer = await createTestUser('VIEWER');
  });

  it('refuses an ADMIN action called with a VIEWER session, on the server', async () => {
    const email = `refused-${Date.now()}@int.test`;
    const result = await runAction(inviteAdminUser.definition, { email, name: 'Should Not Exist', role: 'ADMIN' }, as(viewer));
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await db.adminUser.findUnique({ where: { email } })).toBeNull();

    const roleChange = await runAction(changeAdminUserRole.definition, { userId: viewer.id, role: 'ADMIN' }, as(viewer));
    expect(roleChange).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe('VIEWER');
    expect(await db.auditEvent.count({ where: { action: 'access.denied', actorId: viewer.id, targetId: 'users.change_role' } })).toBe(1);
  });

  it('invites a user whose one-time link sets a password and lets them sign in', async () => {
    const email = `Invitee-${Date.now()}@Int.Test`;
    const invited = await runAction(inviteAdminUser.definition, { email, name: 'Iga Invitee', role: 'OPERATOR' }, as(admin));
    if (!invited.ok) throw new Error(`invite failed: ${invited.message}`);
    expect(invited.data.email).toBe(email.toLowerCase());
    const token = tokenOf(invited.data.invitePath);

    const stored = await db.adminUser.findUniqueOrThrow({ where: { email: email.toLowerCase() }, include: { invitation: true } });
    expect(stored).toMatchObject({ status: 'INVITED', role: 'OPERATOR', passwordHash: null, invitedById: admin.id });
    expect(stored.invitation?.tokenHash).not.toContain(token);
    expect(await findInvitation(token)).toMatchObject({ state: 'valid', name: 'Iga Invitee' });

    const again = await runAction(inviteAdminUser.definition, { email, name: 'Twice', role: 'VIEWER' }, as(admin));
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { email: expect.any(Array) } });

    const mismatch = await runAction(acceptInvitation.definition, { token, password: 'long enough password', confirmPassword: 'other' }, as(null));
    expect(mismatch).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { confirmPassword: ['The passwords do not match'] } });

    const accepted = await runAction(
      acceptInvitation.definition,
      { token, password: 'a brand new password', confirmPassword: 'a brand new password' },
      as(null),
    );
    expect(accepted).toMatchObject({ ok: true, data: { id: stored.id } });
    expect(await findInvitation(token)).toEqual({ state: 'used' });
    const reused = await runAction(acceptInvitation.definition, { token, password: 'another password!', confirmPassword: 'another password!' }, as(null));
    expect(reused).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const signIn = await checkCredentials(db, { email, password: 'a brand new password', ip: '203.0.113.51' }, limits);
    expect(signIn).toMatchObject({ ok: true, user: { role: 'OPERATOR' } });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'users.invitation_accept', targetId: stored.id } });
    expect(audit.actorId).toBe(stored.id);
  });

  it('renews an invitation so the old link stops working', async () => {
    const invited = await runAction(inviteAdminUser.definition, { email: `renew-${Date.now()}@int.test`, name: 'Rene W', role: 'VIEWER' }, as(admin));
    if (!invited.ok) throw new Error(invited.message);
    const renewed = await runAction(renewInvitation.definition, { userId: invited.data.userId }, as(admin));
    if (!renewed.ok) throw new Error(renewed.message);
    expect(await findInvitation(tokenOf(invited.data.invitePath))).toEqual({ state: 'unknown' });
    expect(await findInvitation(tokenOf(renewed.data.invitePath))).toMatchObject({ state: 'valid' });
  });

  it('disables and re-enables a user, ending their sessions', async () => {
    const target = await createTestUser('APPROVER');
    const disabled = await runAction(setAdminUserStatus.definition, { userId: target.id, status: 'DISABLED' }, as(admin));
    expect(disabled).toMatchObject({ ok: true, data: { before: 'ACTIVE', after: 'DISABLED' } });
    const row = await db.adminUser.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.sessionVersion).toBe(target.sessionVersion + 1);

    const enabled = await runAction(setAdminUserStatus.definition, { userId: target.id, status: 'ACTIVE' }, as(admin));
    expect(enabled).toMatchObject({ ok: true, data: { after: 'ACTIVE' } });
  });

  it('disabling an invited user revokes their link: enabled again, the old link does not work and a new one does', async () => {
    const invited = await runAction(inviteAdminUser.definition, { email: `revoke-${Date.now()}@int.test`, name: 'Rita Revoked', role: 'APPROVER' }, as(admin));
    if (!invited.ok) throw new Error(invited.message);
    const token = tokenOf(invited.data.invitePath);
    expect(await runAction(setAdminUserStatus.definition, { userId: invited.data.userId, status: 'DISABLED' }, as(admin))).toMatchObject({ ok: true });
    expect(await runAction(setAdminUserStatus.definition, { userId: invited.data.userId, status: 'ACTIVE' }, as(admin))).toMatchObject({ ok: true, data: { after: 'INVITED' } });
    const old = await runAction(acceptInvitation.definition, { token, password: 'a revived password', confirmPassword: 'a revived password' }, as(null));
    expect(old).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await db.adminUser.findUniqueOrThrow({ where: { id: invited.data.userId } })).passwordHash).toBeNull();
    const renewed = await runAction(renewInvitation.definition, { userId: invited.data.userId }, as(admin));
    expect(renewed.ok && (await findInvitation(tokenOf(renewed.data.invitePath)))).toMatchObject({ state: 'valid' });
  });

  it('refuses to disable yourself', async () => {
    const result = await runAction(setAdminUserStatus.definition, { userId: admin.id, status: 'DISABLED' }, as(admin));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_STATE', message: 'You cannot disable your own account.' });
  });

  it('changes a role and bumps the session version', async () => {
    const target = await createTestUser('VIEWER');
    const result = await runAction(changeAdminUserRole.definition, { userId: target.id, role: 'APPROVER' }, as(admin));
    expect(result).toMatchObject({ ok: true, data: { before: 'VIEWER', after: 'APPROVER' } });
    const row = await db.adminUser.findUniqueOrThrow({ where: { id: target.id } });
    expect(row).toMatchObject({ role: 'APPROVER', sessionVersion: target.sessionVersion + 1 });
  });
});

describe('last-admin protection', () => {
  // These tests need a database whose only active admins are their own. Other active admins (the
  // seeded demo admin, other tests' admins) are set aside and restored afterwards.
  let setAside: string[] = [];

  beforeAll(async () => {
    const others = await db.adminUser.findMany({ where: { role: 'ADMIN', status: 'ACTIVE' }, select: { id: true } });
    setAside = others.map((u) => u.id);
    await db.adminUser.updateMany({ where: { id: { in: setAside } }, data: { status: 'DISABLED' } });
  });

  afterAll(async () => {
    await db.adminUser.updateMany({ where: { id: { in: setAside } }, data: { status: 'ACTIVE' } });
  });

  it("refuses to change the last admin's role or disable them", async () => {
    const only = await createTestUser('ADMIN');
    const helper = await createTestUser('ADMIN', { status: 'DISABLED' });
    // A disabled admin cannot act, but the rule must hold whoever asks: use a session object directly.
    const result = await runAction(changeAdminUserRole.definition, { userId: only.id, role: 'VIEWER' }, as(only));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const disable = await runAction(setAdminUserStatus.definition, { userId: only.id, status: 'DISABLED' }, as(helper));
    expect(disable).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(await db.adminUser.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
    await db.adminUser.update({ where: { id: only.id }, data: { status: 'DISABLED' } });
  });

  it('never lets two admins disabling each other at once leave the panel without an admin', async () => {
    const a = await createTestUser('ADMIN');
    const b = await createTestUser('ADMIN');
    // Force the race: a third transaction holds both rows, so each action reads "two admins" and
    // then waits at its UPDATE; releasing the rows lets both try to commit.
    let release!: () => void;
    let locked!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT "id" FROM "AdminUser" WHERE "id" IN (${a.id}::uuid, ${b.id}::uuid) FOR UPDATE`;
        locked();
        await gate;
      },
      { timeout: 20_000 },
    );
    await holding;
    const racing = Promise.all([
      runAction(setAdminUserStatus.definition, { userId: b.id, status: 'DISABLED' }, as(a)),
      runAction(setAdminUserStatus.definition, { userId: a.id, status: 'DISABLED' }, as(b)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await holder;
    const results = await racing;

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    expect(await db.adminUser.count({ where: { id: { in: [a.id, b.id] }, status: 'ACTIVE' } })).toBe(1);
    await db.adminUser.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { status: 'DISABLED' } });
  });
});
