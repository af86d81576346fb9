import { z } from 'zod';

// Merchant category codes: named categories (kept in Settings, these are the defaults seeded) and
// raw four-digit codes. Client-safe: the MCC editor and the server expand categories the same way.

/** One code ("5812") or an inclusive range ("3000-3350"). */
const MCC_ENTRY = /^(\d{4})(?:-(\d{4}))?$/;

/**
 * Bounds on what one merchant rule may stand for: a range of every code ("0000-9999") is no rule, and
 * expanding and sending it costs seconds of CPU per request. The default categories stay well inside.
 */
export const MAX_MCC_RANGE = 1_000;
export const MAX_MCC_CODES = 2_000;

/** How many codes an entry stands for (0: not an entry). */
export function mccEntrySize(entry: string): number {
  const match = MCC_ENTRY.exec(entry);
  if (!match) return 0;
  return match[2] === undefined ? 1 : Number(match[2]) - Number(match[1]) + 1;
}

export const mccCategorySchema = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  label: z.string().min(1).max(80),
  codes: z.array(z.string().regex(MCC_ENTRY).refine((entry) => mccEntrySize(entry) <= MAX_MCC_RANGE, `a range may span at most ${MAX_MCC_RANGE} codes`)).min(1),
});
export type MccCategory = z.infer<typeof mccCategorySchema>;
export const mccCategoriesSchema = z.array(mccCategorySchema);

export const DEFAULT_MCC_CATEGORIES: readonly MccCategory[] = [
  { key: 'restaurants', label: 'Restaurants and bars', codes: ['5812', '5813', '5814'] },
  { key: 'airlines', label: 'Airlines', codes: ['3000-3350', '4511'] },
  { key: 'hotels', label: 'Hotels and lodging', codes: ['3501-3999', '7011'] },
  { key: 'car_rental', label: 'Car rental', codes: ['3351-3441', '7512'] },
  { key: 'fuel', label: 'Fuel', codes: ['5541', '5542', '5983'] },
  { key: 'taxis', label: 'Taxis and ride-hailing', codes: ['4121'] },
  { key: 'public_transport', label: 'Trains, buses and local transport', codes: ['4111', '4112', '4131'] },
  { key: 'parking_tolls', label: 'Parking and road tolls', codes: ['7523', '4784'] },
  { key: 'groceries', label: 'Groceries', codes: ['5411', '5422', '5441', '5451', '5462', '5499'] },
  { key: 'office', label: 'Office supplies and stationery', codes: ['5111', '5943'] },
  { key: 'software', label: 'Software and digital services', codes: ['5734', '5817', '5818', '7372'] },
  { key: 'telecom', label: 'Telecom services', codes: ['4812', '4814'] },
  { key: 'alcohol_tobacco', label: 'Alcohol and tobacco shops', codes: ['5921', '5993'] },
  { key: 'gambling', label: 'Gambling and betting', codes: ['7800', '7801', '7802', '7995'] },
  { key: 'cash', label: 'Cash and quasi-cash', codes: ['6010', '6011', '6051'] },
];

/** The codes an entry list stands for, each once, in order. */
export function expandMccEntries(entries: readonly string[]): string[] {
  const codes = new Set<string>();
  for (const entry of entries) {
    const match = MCC_ENTRY.exec(entry);
    if (!match) continue;
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    for (let code = from; code <= to; code++) codes.add(String(code).padStart(4, '0'));
  }
  return [...codes].sort();
}

/** Raw codes as typed: separated by commas, semicolons, bars or spaces; ranges allowed. */
export function parseMccCodes(text: string): { ok: true; codes: string[] } | { ok: false; message: string } {
  const entries = text.split(/[\s,;|]+/).filter(Boolean);
  const bad = entries.filter((entry) => {
    const match = MCC_ENTRY.exec(entry);
    return !match || (match[2] !== undefined && Number(match[2]) < Number(match[1]));
  });
  if (bad.length > 0) {
    return { ok: false, message: `Not a four-digit MCC code or range: ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? '…' : ''}` };
  }
  // Sizes are summed before anything is expanded: a huge range is refused in microseconds.
  const wide = entries.filter((entry) => mccEntrySize(entry) > MAX_MCC_RANGE);
  if (wide.length > 0) return { ok: false, message: `A range may span at most ${MAX_MCC_RANGE.toLocaleString('en-GB')} codes: ${wide.slice(0, 3).join(', ')}` };
  if (entries.reduce((n, entry) => n + mccEntrySize(entry), 0) > MAX_MCC_CODES) {
    return { ok: false, message: `At most ${MAX_MCC_CODES.toLocaleString('en-GB')} codes in one rule; use categories or fewer ranges` };
  }
  return { ok: true, codes: expandMccEntries(entries) };
}

export const MCC_MODES = ['none', 'allow', 'block'] as const;
export type MccMode = (typeof MCC_MODES)[number];

export const MCC_MODE_LABELS = {
  none: 'No merchant rule',
  allow: 'Allow only these merchants',
  block: 'Block these merchants',
} as const satisfies Record<MccMode, string>;

/** How many codes the chosen categories and raw codes stand for, without expanding them (an upper bound). */
export function mccRuleSize(categories: readonly string[], rawCodes: readonly string[], catalog: readonly MccCategory[]): number {
  const entries = catalog.filter((category) => categories.includes(category.key)).flatMap((category) => category.codes);
  return [...entries, ...rawCodes].reduce((n, entry) => n + mccEntrySize(entry), 0);
}

/** Every code of the chosen categories plus the raw codes; unknown category keys are skipped. */
export function mccCodesOf(categories: readonly string[], rawCodes: readonly string[], catalog: readonly MccCategory[]): string[] {
  const entries = catalog.filter((category) => categories.includes(category.key)).flatMap((category) => category.codes);
  return expandMccEntries([...entries, ...rawCodes]);
}
