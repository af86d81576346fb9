import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createTestUser } from '@/tests/support/users';
import { runAction, type ActionDefinition, type ActionRuntime } from './run-action';

// The real wrapper against the real database, with the session chosen by the test.

const noteSchema = z.object({
  key: z.string().min(1),
  value: z.string().max(10, 'At most 10 characters'),
});

function noteAction(transaction: boolean): ActionDefinition<typeof noteSchema, { key: string }> {
  return {
    name: 'test.write_note',
    permission: 'settings.manage',
    schema: noteSchema,
    transaction,
    revalidate: (input) => ['/settings', `/notes/${input.key}`],
    async run(input, { db: tx, user }) {
      await tx.setting.create({ data: { key: input.key, value: input.value, updatedById: user.id } });
      if (input.value === 'boom') throw new Error('database exploded: secret detail');
      if (input.value === 'refuse') throw new AppError('INVALID_STATE', 'Notes cannot say that.');
      return { key: input.key };
    },
    audit: (input, data, { user }) => ({
      action: 'test.write_note',
      summary: `${user.name} wrote note ${data.key}.`,
      targetType: 'Setting',
      targetId: data.key,
      after: { value: input.value, size: 10n },
    }),
  };
}

function runtime(user: SessionUser | null) {
  const revalidated: string[] = [];
  const logged: string[] = [];
  const value: ActionRuntime = {
    db,
    getUser: async () => user,
    getIp: async () => '198.51.100.23',
    revalidatePath: (path) => revalidated.push(path),
    logError: (message, details) => logged.push(`${message} ${JSON.stringify(details)}`),
  };
  return { value, revalidated, logged };
}

const key = () => `test.note.${randomUUID()}`;

describe('runAction', () => {
  it('refuses without a session and changes nothing', async () => {
    const k = key();
    const rt = runtime(null);
    const result = await runAction(noteAction(true), { key: k, value: 'hi' }, rt.value);
    expect(result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await db.setting.findUnique({ where: { key: k } })).toBeNull();
  });

  it('refuses a role without the permission before looking at the input, and audits the refusal', async () => {
    const viewer = await createTestUser('VIEWER');
    const k = key();
    const result = await runAction(noteAction(true), { key: k, value: 'far too long for the schema' }, runtime(viewer).value);
    expect(result).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'Your role (Viewer) cannot do this; it needs Admin.',
      fieldErrors: {},
    });
    expect(await db.setting.findUnique({ where: { key: k } })).toBeNull();
    const audit = await db.auditEvent.findFirst({ where: { action: 'access.denied', actorId: viewer.id } });
    expect(audit).toMatchObject({ targetType: 'action', targetId: 'test.write_note', ip: '198.51.100.23', actorEmail: viewer.email });
    expect(audit?.summary).toBe(`${viewer.name} (Viewer) tried to use “Test: write note” and was refused: that needs the Admin role or higher.`);
  });

  it('returns field errors keyed by path for invalid input', async () => {
    const admin = await createTestUser('ADMIN');
    const result = await runAction(noteAction(true), { key: '', value: 'far too long' }, runtime(admin).value);
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION' });
    if (result.ok) throw new Error('unreachable');
    expect(result.fieldErrors.value).toEqual(['At most 10 characters']);
    expect(result.fieldErrors.key).toHaveLength(1);
  });

  it('runs, audits with actor and address, and revalidates', async () => {
    const admin = await createTestUser('ADMIN');
    const k = key();
    const rt = runtime(admin);
    const result = await runAction(noteAction(true), { key: k, value: 'hello' }, rt.value);
    expect(result).toEqual({ ok: true, data: { key: k } });
    expect(await db.setting.findUnique({ where: { key: k } })).toMatchObject({ value: 'hello', updatedById: admin.id });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'test.write_note', targetId: k } });
    expect(audit).toMatchObject({ actorId: admin.id, actorName: admin.name, ip: '198.51.100.23', summary: `${admin.name} wrote note ${k}.` });
    expect(audit.after).toEqual({ value: 'hello', size: '10' });
    expect(rt.revalidated).toEqual(['/settings', `/notes/${k}`]);
  });

  it('accepts FormData from a form post', async () => {
    const admin = await createTestUser('ADMIN');
    const form = new FormData();
    const k = key();
    form.set('key', k);
    form.set('value', 'from form');
    expect(await runAction(noteAction(false), form, runtime(admin).value)).toEqual({ ok: true, data: { key: k } });
  });

  it('rolls the transaction back and keeps the message for expected failures', async () => {
    const admin = await createTestUser('ADMIN');
    const k = key();
    const result = await runAction(noteAction(true), { key: k, value: 'refuse' }, runtime(admin).value);
    expect(result).toEqual({ ok: false, code: 'INVALID_STATE', message: 'Notes cannot say that.', fieldErrors: {} });
    expect(await db.setting.findUnique({ where: { key: k } })).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'test.write_note', targetId: k } })).toBe(0);
  });

  it('logs unexpected failures and returns a generic INTERNAL error', async () => {
    const admin = await createTestUser('ADMIN');
    const k = key();
    const rt = runtime(admin);
    const result = await runAction(noteAction(true), { key: k, value: 'boom' }, rt.value);
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' });
    if (result.ok) throw new Error('unreachable');
    expect(result.message).not.toContain('secret');
    expect(rt.logged.join('\n')).toContain('database exploded');
    expect(await db.setting.findUnique({ where: { key: k } })).toBeNull();
  });

  it('limits how many actions one user runs in a minute, per user, before reading the input', async () => {
    const admin = await createTestUser('ADMIN');
    const other = await createTestUser('ADMIN');
    const limited = (user: SessionUser) => ({ ...runtime(user).value, actionsPerMinute: 3 });
    const at = new Date('2030-01-01T10:00:05Z');
    const withClock = (user: SessionUser) => ({ ...limited(user), now: () => at });
    for (let i = 0; i < 3; i++) expect(await runAction(noteAction(true), { key: key(), value: 'ok' }, withClock(admin))).toMatchObject({ ok: true });
    const k = key();
    const refused = await runAction(noteAction(true), { key: k, value: 'ok' }, withClock(admin));
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: expect.stringMatching(/nothing was done/) });
    expect(await db.setting.findUnique({ where: { key: k } })).toBeNull();
    // Someone else is not slowed down, and the next minute starts afresh.
    expect(await runAction(noteAction(true), { key: key(), value: 'ok' }, withClock(other))).toMatchObject({ ok: true });
    const nextMinute = { ...limited(admin), now: () => new Date('2030-01-01T10:01:00Z') };
    expect(await runAction(noteAction(true), { key: key(), value: 'ok' }, nextMinute)).toMatchObject({ ok: true });
  });

  it("lets the framework's control-flow errors through", async () => {
    const admin = await createTestUser('ADMIN');
    const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/x;307;' });
    const definition: ActionDefinition<typeof noteSchema, never> = {
      ...noteAction(false),
      run: async () => {
        throw redirect;
      },
      audit: undefined,
    } as ActionDefinition<typeof noteSchema, never>;
    const rt = runtime(admin);
    rt.value.rethrow = (error) => {
      if (error === redirect) throw error;
    };
    await expect(runAction(definition, { key: key(), value: 'x' }, rt.value)).rejects.toBe(redirect);
  });
});
