import { expandMccEntries, type MccCategory } from '@/lib/approvals/mcc';

// Naming a transaction's merchant category code with the categories kept in Settings (the same ones
// the MCC rules editor offers). A code in two categories takes the first one listed. Client-safe.

export interface CategoryIndex {
  labelOf(mcc: string | null | undefined): string | null;
  keyOf(mcc: string | null | undefined): string | null;
  codesOf(key: string): string[] | null;
}

export function categoryIndex(catalog: readonly MccCategory[]): CategoryIndex {
  const byCode = new Map<string, MccCategory>();
  const codes = new Map<string, string[]>();
  for (const category of catalog) {
    const expanded = expandMccEntries(category.codes);
    codes.set(category.key, expanded);
    for (const code of expanded) if (!byCode.has(code)) byCode.set(code, category);
  }
  return {
    labelOf: (mcc) => (mcc ? (byCode.get(mcc)?.label ?? null) : null),
    keyOf: (mcc) => (mcc ? (byCode.get(mcc)?.key ?? null) : null),
    codesOf: (key) => codes.get(key) ?? null,
  };
}

export const OTHER_CATEGORY = { key: 'other', label: 'Other merchants' } as const;

/** Sums of spend per MCC grouped into the named categories, largest first; unnamed codes go to "Other". */
export function spendByCategory(
  rows: ReadonlyArray<{ mcc: string | null; amountMinor: bigint }>,
  catalog: readonly MccCategory[],
): Array<{ key: string; label: string; amountMinor: bigint }> {
  const index = categoryIndex(catalog);
  const sums = new Map<string, { key: string; label: string; amountMinor: bigint }>();
  for (const row of rows) {
    const key = index.keyOf(row.mcc) ?? OTHER_CATEGORY.key;
    const label = index.labelOf(row.mcc) ?? OTHER_CATEGORY.label;
    const entry = sums.get(key) ?? { key, label, amountMinor: 0n };
    entry.amountMinor += row.amountMinor;
    sums.set(key, entry);
  }
  return [...sums.values()].sort((a, b) => (a.amountMinor === b.amountMinor ? a.label.localeCompare(b.label) : a.amountMinor > b.amountMinor ? -1 : 1));
}
