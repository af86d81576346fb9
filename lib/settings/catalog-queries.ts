import 'server-only';
import { ACCOUNTS_SETTING_KEY, accountsSettingSchema, type AccountsSetting } from '@/lib/accounts/schema';
import { DEFAULT_MCC_CATEGORIES, mccCategoriesSchema, type MccCategory } from '@/lib/approvals/mcc';
import { MCC_SETTING_KEY } from '@/lib/approvals/mcc-settings';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { revisionOf, type SettingRevision } from './setting-revision';

// The two catalog rows as their Settings editors load them: the value the panel uses now and the
// row's version for the save (setting-revision.ts). A row the readers reject is reported, not
// hidden, so the admin knows why the panel falls back.

export type RowState = 'saved' | 'missing' | 'invalid';

export interface MccCategoriesEditorData {
  categories: MccCategory[];
  revision: SettingRevision;
  state: RowState;
}

export interface AccountsEditorData {
  setting: AccountsSetting | null;
  revision: SettingRevision;
  state: RowState;
}

/** What the readers make of a stored merchant-categories value: missing or broken means the defaults. */
export function mccCategoriesFromValue(value: Prisma.JsonValue | null): { categories: MccCategory[]; state: RowState } {
  if (value === null) return { categories: [...DEFAULT_MCC_CATEGORIES], state: 'missing' };
  const parsed = mccCategoriesSchema.safeParse(value);
  return parsed.success ? { categories: parsed.data, state: 'saved' } : { categories: [...DEFAULT_MCC_CATEGORIES], state: 'invalid' };
}

/** What getAccountsConfig() makes of a stored accounts value: missing or broken means no list. */
export function accountsFromValue(value: Prisma.JsonValue | null): { setting: AccountsSetting | null; state: RowState } {
  if (value === null) return { setting: null, state: 'missing' };
  const parsed = accountsSettingSchema.safeParse(value);
  return parsed.success ? { setting: parsed.data, state: 'saved' } : { setting: null, state: 'invalid' };
}

export async function getMccCategoriesEditorData(): Promise<MccCategoriesEditorData> {
  const row = await db.setting.findUnique({ where: { key: MCC_SETTING_KEY } });
  return { ...mccCategoriesFromValue(row?.value ?? null), revision: revisionOf(row) };
}

export async function getAccountsEditorData(): Promise<AccountsEditorData> {
  const row = await db.setting.findUnique({ where: { key: ACCOUNTS_SETTING_KEY } });
  return { ...accountsFromValue(row?.value ?? null), revision: revisionOf(row) };
}
