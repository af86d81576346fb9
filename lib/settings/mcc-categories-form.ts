import { z } from 'zod';
import { DEFAULT_MCC_CATEGORIES, mccCategorySchema, type MccCategory } from '@/lib/approvals/mcc';
import { settingRevisionSchema } from './setting-revision';
import { MAX_MCC_RANGE, mccEntrySize } from '@/lib/approvals/mcc';

// Settings → merchant categories, as the editor sends them: one row per category with the codes as
// typed. The browser checks itself with this schema and the action parses it again on the server.
// Every message names the row and the field ("Category 3, codes: …") because the summary above the
// list shows them out of context. Client-safe.

export const MAX_MCC_CATEGORIES = 100;
/** Entries (codes or ranges) per category; a range counts as one. */
export const MAX_MCC_ENTRIES = 200;
const KEY_PATTERN = /^[a-z0-9_-]{1,40}$/;
const LABEL_MAX = 80;
const ENTRY = /^(\d{4})(?:-(\d{4}))?$/;

export interface MccCategoryRow {
  key: string;
  label: string;
  /** Codes and from-to ranges separated by commas or spaces, as typed. */
  codes: string;
}

/** A stable slug from a label: "Coworking & Offices" → "coworking_offices". */
export function keyFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug || 'category';
}

/** The slug, made unique against keys already in the list ("fuel" → "fuel_2"). */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, 40 - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

export function toCategoryRows(categories: readonly MccCategory[]): MccCategoryRow[] {
  return categories.map((c) => ({ key: c.key, label: c.label, codes: c.codes.join(', ') }));
}

function list(items: string[]): string {
  const shown = items.slice(0, 3).join(', ');
  return items.length > 3 ? `${shown} and ${items.length - 3} more` : shown;
}

/** Codes text → entries in the order typed, each once; or what is wrong with it. */
export function parseCategoryCodes(text: string): { ok: true; entries: string[] } | { ok: false; message: string } {
  const entries = [...new Set(text.split(/[\s,;|]+/).filter(Boolean))];
  if (entries.length === 0) return { ok: false, message: 'enter at least one four-digit code or from-to range' };
  const malformed = entries.filter((entry) => !ENTRY.test(entry));
  if (malformed.length === 1) return { ok: false, message: `${malformed[0]} is not a four-digit MCC code` };
  if (malformed.length > 1) return { ok: false, message: `${list(malformed)} are not four-digit MCC codes` };
  const backwards = entries.filter((entry) => {
    const [, from, to] = ENTRY.exec(entry)!;
    return to !== undefined && Number(to) < Number(from);
  });
  if (backwards.length > 0) return { ok: false, message: `${list(backwards)}: a range must go from the lower code to the higher` };
  const wide = entries.filter((entry) => mccEntrySize(entry) > MAX_MCC_RANGE);
  if (wide.length > 0) return { ok: false, message: `${list(wide)}: a range may span at most ${MAX_MCC_RANGE.toLocaleString('en-GB')} codes` };
  if (entries.length > MAX_MCC_ENTRIES) return { ok: false, message: `at most ${MAX_MCC_ENTRIES} codes or ranges (use ranges for long runs)` };
  return { ok: true, entries };
}

const rowSchema = z.object({
  key: z.string({ error: 'Reload the page: a category key is missing' }),
  label: z.string({ error: 'Reload the page: a category name is missing' }),
  codes: z.string({ error: 'Reload the page: a category’s codes are missing' }),
});

export const mccCategoriesFormSchema = z
  .object({
    revision: settingRevisionSchema,
    categories: z.array(rowSchema).max(MAX_MCC_CATEGORIES, `At most ${MAX_MCC_CATEGORIES} categories`),
  })
  .transform((value, ctx) => {
    const categories: MccCategory[] = [];
    const firstWithKey = new Map<string, number>();
    const firstWithLabel = new Map<string, number>();
    value.categories.forEach((row, index) => {
      const name = `Category ${index + 1}`;
      let valid = true;
      const fail = (field: keyof MccCategoryRow, message: string) => {
        valid = false;
        ctx.addIssue({ code: 'custom', path: ['categories', index, field], message: `${name}, ${message}` });
      };
      const key = row.key.trim();
      const label = row.label.trim().replace(/\s+/g, ' ');
      const labelSeen = firstWithLabel.get(label.toLowerCase());
      const keySeen = firstWithKey.get(key);

      if (!label) fail('label', 'name: enter a name');
      else if (label.length > LABEL_MAX) fail('label', `name: at most ${LABEL_MAX} characters`);
      else if (labelSeen !== undefined) fail('label', `name: “${label}” is already category ${labelSeen + 1}`);
      else firstWithLabel.set(label.toLowerCase(), index);

      if (!key) fail('key', 'key: enter a key (lower-case letters, digits, - or _)');
      else if (!KEY_PATTERN.test(key)) fail('key', 'key: use only lower-case letters, digits, - and _ (at most 40)');
      else if (keySeen !== undefined) fail('key', `key: “${key}” is already used by category ${keySeen + 1}`);
      else firstWithKey.set(key, index);

      const codes = parseCategoryCodes(row.codes);
      if (!codes.ok) fail('codes', `codes: ${codes.message}`);

      if (valid && codes.ok) categories.push({ key, label, codes: codes.entries });
    });
    return { revision: value.revision, categories };
  })
  // What is saved must be what the readers accept (lib/approvals/mcc-settings.ts).
  .pipe(z.object({ revision: settingRevisionSchema, categories: z.array(mccCategorySchema) }));

export type MccCategoriesFormInput = z.input<typeof mccCategoriesFormSchema>;
export type MccCategoriesForm = z.output<typeof mccCategoriesFormSchema>;

/** The seeded list, as rows for the editor's "restore defaults". */
export function defaultCategoryRows(): MccCategoryRow[] {
  return toCategoryRows(DEFAULT_MCC_CATEGORIES);
}
