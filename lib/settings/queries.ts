import 'server-only';
import { db } from '@/lib/db';
import { DEFAULT_SETTINGS, type SettingKey } from './defaults';

export type Settings = { -readonly [K in SettingKey]: (typeof DEFAULT_SETTINGS)[K] extends number ? number : (typeof DEFAULT_SETTINGS)[K] extends boolean ? boolean : string };

/** Stored settings over the defaults; a stored value of the wrong type falls back to the default. */
export async function getSettings(): Promise<Settings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.keys(DEFAULT_SETTINGS) } } });
  const settings = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const row of rows) {
    if (typeof row.value === typeof settings[row.key]) settings[row.key] = row.value;
  }
  return settings as Settings;
}
