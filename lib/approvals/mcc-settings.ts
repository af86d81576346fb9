import 'server-only';
import { db } from '@/lib/db';
import { DEFAULT_MCC_CATEGORIES, mccCategoriesSchema, type MccCategory } from './mcc';

// The named merchant categories live in the Settings row `mcc.categories` (seeded with the
// defaults); a missing or broken row falls back to the defaults so the assign form always works.

export const MCC_SETTING_KEY = 'mcc.categories';

export async function getMccCategories(): Promise<MccCategory[]> {
  const row = await db.setting.findUnique({ where: { key: MCC_SETTING_KEY } });
  if (!row) return [...DEFAULT_MCC_CATEGORIES];
  const parsed = mccCategoriesSchema.safeParse(row.value);
  if (parsed.success) return parsed.data;
  console.error(JSON.stringify({ level: 'error', message: `setting ${MCC_SETTING_KEY} is invalid; using the defaults`, issues: parsed.error.issues.slice(0, 3) }));
  return [...DEFAULT_MCC_CATEGORIES];
}
