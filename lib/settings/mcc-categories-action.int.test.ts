import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { loadAssignContext } from '@/lib/approvals/assign-context';
import { DEFAULT_MCC_CATEGORIES } from '@/lib/approvals/mcc';
import { getMccCategories, MCC_SETTING_KEY } from '@/lib/approvals/mcc-settings';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { actionSuite } from '@/tests/support/action-test';
import { updateMccCategories } from './catalog-actions';
import { getMccCategoriesEditorData } from './catalog-queries';
import { defaultCategoryRows, toCategoryRows, type MccCategoryRow } from './mcc-categories-form';

// Settings → merchant categories through the real action wrapper and database: the save, its audit
// sentence, the version check, the field messages, the refusals, and the assign form's context
// reading the new list. The row is put back afterwards for the files that run later.

const suite = actionSuite(['ADMIN', 'VIEWER', 'OPERATOR', 'APPROVER'], '198.51.100.31');
let admin: SessionUser;
let original: Prisma.JsonValue | null = null;

beforeAll(async () => {
  [admin] = suite.users as [SessionUser];
  original = (await db.setting.findUnique({ where: { key: MCC_SETTING_KEY } }))?.value ?? null;
});

afterAll(async () => {
  if (original === null) await db.setting.deleteMany({ where: { key: MCC_SETTING_KEY } });
  else await db.setting.upsert({ where: { key: MCC_SETTING_KEY }, create: { key: MCC_SETTING_KEY, value: original as Prisma.InputJsonValue }, update: { value: original as Prisma.InputJsonValue } });
});

const save = (user: SessionUser, categories: MccCategoryRow[], revision: string | null) => runAction(updateMccCategories.definition, { revision, categories }, suite.runtime(user));

async function current() {
  const data = await getMccCategoriesEditorData();
  return { rows: toCategoryRows(data.categories), revision: data.revision };
}

const auditCount = () => db.auditEvent.count({ where: { action: 'settings.mcc_categories' } });

describe('updateMccCategories', () => {
  it('saves a new list on the version it was loaded at, audits it as a sentence, and the assign form offers it', async () => {
    const { rows, revision } = await current();
    const next = [...rows.filter((r) => r.key !== 'gambling'), { key: 'coworking', label: 'Coworking', codes: '7299, 6513 7290-7291' }];
    const result = await save(admin, next, revision);
    expect(result).toMatchObject({ ok: true, data: { saved: true } });
    if (!result.ok) throw new Error('unreachable');
    expect(result.data.revision).not.toBe(revision);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'settings.mcc_categories', actorId: admin.id }, orderBy: { at: 'desc' } });
    expect(audit.summary).toBe(`${admin.name} changed the merchant categories: added 'Coworking', removed 'Gambling and betting'.`);
    expect(audit).toMatchObject({ targetType: 'Setting', targetId: MCC_SETTING_KEY, ip: '198.51.100.31' });
    expect(audit.after).toContainEqual({ key: 'coworking', label: 'Coworking', codes: ['7299', '6513', '7290-7291'] });

    const row = await db.setting.findUniqueOrThrow({ where: { key: MCC_SETTING_KEY } });
    expect(row.updatedById).toBe(admin.id);
    const context = await loadAssignContext();
    expect(context.mccCategories).toContainEqual({ key: 'coworking', label: 'Coworking', codes: ['7299', '6513', '7290-7291'] });
    expect(context.mccCategories.map((c) => c.key)).not.toContain('gambling');
  });

  it('refuses a second save on the same version (a double submit, another tab) and changes nothing', async () => {
    const { rows, revision } = await current();
    const renamed = rows.map((r) => (r.key === 'fuel' ? { ...r, label: 'Fuel stations' } : r));
    expect(await save(admin, renamed, revision)).toMatchObject({ ok: true, data: { saved: true } });
    const audits = await auditCount();

    const again = await save(admin, rows.map((r) => (r.key === 'fuel' ? { ...r, codes: '5541' } : r)), revision);
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringMatching(/Someone else saved the merchant categories/) });
    expect((await getMccCategories()).find((c) => c.key === 'fuel')).toEqual({ key: 'fuel', label: 'Fuel stations', codes: ['5541', '5542', '5983'] });
    expect(await auditCount()).toBe(audits);
  });

  it('writes and audits nothing when nothing changed', async () => {
    const { rows, revision } = await current();
    const audits = await auditCount();
    expect(await save(admin, rows, revision)).toMatchObject({ ok: true, data: { saved: false, revision } });
    expect(await auditCount()).toBe(audits);
    expect((await current()).revision).toBe(revision);
  });

  it('returns messages that name the row and the field, and saves nothing', async () => {
    const { rows, revision } = await current();
    const n = rows.length;
    const bad = [...rows, { key: 'fuel', label: 'Airlines', codes: '5812 58A2' }];
    const result = await save(admin, bad, revision);
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION' });
    if (result.ok) throw new Error('unreachable');
    expect(result.fieldErrors[`categories.${n}.codes`]).toEqual([`Category ${n + 1}, codes: 58A2 is not a four-digit MCC code`]);
    expect(result.fieldErrors[`categories.${n}.key`]).toEqual([`Category ${n + 1}, key: “fuel” is already used by category ${rows.findIndex((r) => r.key === 'fuel') + 1}`]);
    expect(result.fieldErrors[`categories.${n}.label`]?.[0]).toMatch(new RegExp(`^Category ${n + 1}, name: “Airlines” is already category \\d+$`));
    expect((await current()).revision).toBe(revision);
  });

  it('restores the defaults as one audited save', async () => {
    const { revision } = await current();
    expect(await save(admin, defaultCategoryRows(), revision)).toMatchObject({ ok: true, data: { saved: true } });
    expect(await getMccCategories()).toEqual(DEFAULT_MCC_CATEGORIES);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'settings.mcc_categories', actorId: admin.id }, orderBy: { at: 'desc' } });
    expect(audit.summary).toBe(`${admin.name} restored the default merchant categories: added 'Gambling and betting', removed 'Coworking', renamed 'Fuel stations' to 'Fuel'.`);
  });

  it('creates the row when there is none, once', async () => {
    await db.setting.deleteMany({ where: { key: MCC_SETTING_KEY } });
    const rows = [...defaultCategoryRows(), { key: 'coworking', label: 'Coworking', codes: '7299' }];
    expect(await save(admin, rows, null)).toMatchObject({ ok: true, data: { saved: true } });
    expect(await save(admin, rows, null)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((await getMccCategories()).map((c) => c.key)).toContain('coworking');
  });

  it('refuses every role below Admin before looking at the input, and records the refusal', async () => {
    const { rows, revision } = await current();
    for (const user of suite.users.slice(1)) {
      const result = await save(user, [...rows, { key: 'sneaky', label: 'Sneaky', codes: '1234' }], revision);
      expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const denied = await db.auditEvent.findFirstOrThrow({ where: { action: 'access.denied', actorId: user.id, targetId: 'settings.mcc_categories' } });
      expect(denied.summary).toMatch(/tried to change the merchant categories and was refused: that needs the Admin role or higher\.$/);
    }
    expect((await getMccCategories()).map((c) => c.key)).not.toContain('sneaky');
    expect((await current()).revision).toBe(revision);
  });
});
