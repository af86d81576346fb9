import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAccountsConfig } from '@/lib/accounts/queries';
import { ACCOUNTS_SETTING_KEY } from '@/lib/accounts/schema';
import { runAction } from '@/lib/actions/run-action';
import { loadAssignContext } from '@/lib/approvals/assign-context';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { SparadosClient } from '@/lib/sparados';
import { actionSuite } from '@/tests/support/action-test';
import type { AccountRow, VisualRow } from './accounts-form';
import { updateAccounts } from './catalog-actions';
import { getAccountsEditorData } from './catalog-queries';

// Settings → accounts and card visuals through the real action wrapper and database: the save, its
// audit sentence, the version check, the field messages and the refusals. The tests run against the
// sandbox, where the assign form takes the sandbox's own accounts; what BETA/PROD would offer is read
// through getAccountsConfig() with a client configured for BETA, right after each save (no cache
// in front of the row). The row is put back afterwards.

const suite = actionSuite(['ADMIN', 'VIEWER', 'OPERATOR', 'APPROVER'], '198.51.100.32');
let admin: SessionUser;
let original: Prisma.JsonValue | null = null;
const tag = randomUUID().slice(0, 8);
const main: AccountRow = { name: 'Main', cardAliasId: `ca-main-${tag}`, balanceId: `bal-main-${tag}`, currency: 'PLN' };
const travel: AccountRow = { name: 'Travel', cardAliasId: `ca-travel-${tag}`, balanceId: '', currency: 'eur' };
const blue: VisualRow = { id: `v-blue-${tag}`, name: 'Blue' };

/** A client that says BETA: getAccountsConfig() then reads the Settings row, with no network call when the row is there. */
const betaClient = { config: { environment: 'beta', cardAliasId: null, balanceId: null } } as unknown as SparadosClient;

beforeAll(async () => {
  [admin] = suite.users as [SessionUser];
  original = (await db.setting.findUnique({ where: { key: ACCOUNTS_SETTING_KEY } }))?.value ?? null;
  await db.setting.deleteMany({ where: { key: ACCOUNTS_SETTING_KEY } });
});

afterAll(async () => {
  if (original === null) await db.setting.deleteMany({ where: { key: ACCOUNTS_SETTING_KEY } });
  else await db.setting.upsert({ where: { key: ACCOUNTS_SETTING_KEY }, create: { key: ACCOUNTS_SETTING_KEY, value: original as Prisma.InputJsonValue }, update: { value: original as Prisma.InputJsonValue } });
});

const save = (user: SessionUser, accounts: AccountRow[], visuals: VisualRow[], revision: string | null) => runAction(updateAccounts.definition, { revision, accounts, visuals }, suite.runtime(user));
const revisionNow = async () => (await getAccountsEditorData()).revision;
const lastAudit = () => db.auditEvent.findFirstOrThrow({ where: { action: 'settings.accounts', actorId: admin.id }, orderBy: { at: 'desc' } });

describe('updateAccounts', () => {
  it('saves the first list, audits it as a sentence, and BETA/PROD offer it at once', async () => {
    expect(await getAccountsConfig(betaClient)).toEqual({ source: 'none', accounts: [], visuals: [] });
    const result = await save(admin, [main, travel], [blue], null);
    expect(result).toMatchObject({ ok: true, data: { saved: true } });

    expect((await lastAudit()).summary).toBe(
      `${admin.name} changed the accounts and card visuals: added account 'Main' (Card Alias ID ${main.cardAliasId}, PLN); added account 'Travel' (Card Alias ID ${travel.cardAliasId}, EUR); added visual 'Blue' (${blue.id}).`,
    );
    expect(await lastAudit()).toMatchObject({ targetType: 'Setting', targetId: ACCOUNTS_SETTING_KEY, before: null });
    expect(await getAccountsConfig(betaClient)).toEqual({
      source: 'settings',
      accounts: [
        { name: 'Main', cardAliasId: main.cardAliasId, balanceId: main.balanceId, currency: 'PLN' },
        { name: 'Travel', cardAliasId: travel.cardAliasId, balanceId: null, currency: 'EUR' },
      ],
      visuals: [{ id: blue.id, name: 'Blue' }],
    });
    // The sandbox keeps offering its own accounts.
    expect((await loadAssignContext()).accountsSource).toBe('sandbox');
  });

  it('shows an edit to the next reader straight away and names each change', async () => {
    const revision = await revisionNow();
    const before = await getAccountsConfig(betaClient);
    expect(await save(admin, [{ ...main, name: 'Main PLN', balanceId: '' }], [], revision)).toMatchObject({ ok: true, data: { saved: true } });
    expect((await lastAudit()).summary).toBe(
      `${admin.name} changed the accounts and card visuals: changed account ${main.cardAliasId}: name 'Main' → 'Main PLN', balance id ${main.balanceId} → none; removed account 'Travel' (Card Alias ID ${travel.cardAliasId}); removed visual 'Blue' (${blue.id}).`,
    );
    const after = await getAccountsConfig(betaClient);
    expect(after).not.toEqual(before);
    expect(after).toEqual({ source: 'settings', accounts: [{ name: 'Main PLN', cardAliasId: main.cardAliasId, balanceId: null, currency: 'PLN' }], visuals: [] });
  });

  it('refuses a save on an old version and one that changes nothing writes nothing', async () => {
    const revision = await revisionNow();
    const audits = await db.auditEvent.count({ where: { action: 'settings.accounts' } });
    expect(await save(admin, [{ ...main, name: 'Main PLN', balanceId: '' }], [], revision)).toMatchObject({ ok: true, data: { saved: false, revision } });
    expect(await save(admin, [main], [], null)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringMatching(/Someone else saved the accounts and card visuals/) });
    expect(await save(admin, [main], [], '2020-01-01T00:00:00.000Z')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await db.auditEvent.count({ where: { action: 'settings.accounts' } })).toBe(audits);
    expect(await revisionNow()).toBe(revision);
  });

  it('returns messages that name the row and the field', async () => {
    const revision = await revisionNow();
    const result = await save(admin, [main, { name: '', cardAliasId: main.cardAliasId, balanceId: '', currency: 'EURO' }], [{ id: 'v 1', name: 'One' }], revision);
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION' });
    if (result.ok) throw new Error('unreachable');
    expect(result.fieldErrors).toEqual({
      'accounts.1.name': ['Account 2, name: enter a name'],
      'accounts.1.cardAliasId': [`Account 2, Card Alias ID: ${main.cardAliasId} is already account 1`],
      'accounts.1.currency': ['Account 2, currency: “EURO” is not an ISO 4217 currency code (three letters, e.g. PLN)'],
      'visuals.0.id': ['Visual 1, id: no spaces inside an id'],
    });
    expect(await save(admin, [], [], revision)).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { accounts: ['Add at least one account: cards are assigned on an account'] } });
    expect(await revisionNow()).toBe(revision);
  });

  it('refuses every role below Admin and records the refusal', async () => {
    const revision = await revisionNow();
    for (const user of suite.users.slice(1)) {
      expect(await save(user, [travel], [], revision)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const denied = await db.auditEvent.findFirstOrThrow({ where: { action: 'access.denied', actorId: user.id, targetId: 'settings.accounts' } });
      expect(denied.summary).toMatch(/tried to change the accounts and card visuals and was refused: that needs the Admin role or higher\.$/);
    }
    expect(await revisionNow()).toBe(revision);
  });
});
