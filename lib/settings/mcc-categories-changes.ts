import { DEFAULT_MCC_CATEGORIES, type MccCategory } from '@/lib/approvals/mcc';
import { joinPhrases, orderChanged, quote } from './phrases';

// What a save of the merchant categories changed, for its audit sentence. Categories are matched
// by key (the stable part, which CSV files name); a new key is an added category. Client-safe.

export interface MccCategoriesChange {
  added: MccCategory[];
  removed: MccCategory[];
  changed: Array<{ before: MccCategory; after: MccCategory }>;
  /** The categories both lists keep are listed in another order (the assign form shows them in it). */
  reordered: boolean;
}

const sameCodes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((code, i) => code === b[i]);

export function diffMccCategories(before: readonly MccCategory[], after: readonly MccCategory[]): MccCategoriesChange {
  const beforeByKey = new Map(before.map((c) => [c.key, c]));
  const afterKeys = new Set(after.map((c) => c.key));
  return {
    added: after.filter((c) => !beforeByKey.has(c.key)),
    removed: before.filter((c) => !afterKeys.has(c.key)),
    changed: after.flatMap((c) => {
      const old = beforeByKey.get(c.key);
      return old && (old.label !== c.label || !sameCodes(old.codes, c.codes)) ? [{ before: old, after: c }] : [];
    }),
    reordered: orderChanged(before.map((c) => c.key), after.map((c) => c.key)),
  };
}

export function isEmptyChange(change: MccCategoriesChange): boolean {
  return change.added.length === 0 && change.removed.length === 0 && change.changed.length === 0 && !change.reordered;
}

export function isDefaultCatalog(categories: readonly MccCategory[]): boolean {
  const change = diffMccCategories(DEFAULT_MCC_CATEGORIES, categories);
  // Order aside: restoring puts them back in the default order anyway.
  return change.added.length === 0 && change.removed.length === 0 && change.changed.length === 0;
}

export function mccChangePhrases(change: MccCategoriesChange): string[] {
  return [
    ...change.added.map((c) => `added ${quote(c.label)}`),
    ...change.removed.map((c) => `removed ${quote(c.label)}`),
    ...change.changed.flatMap(({ before, after }) => [
      ...(before.label !== after.label ? [`renamed ${quote(before.label)} to ${quote(after.label)}`] : []),
      ...(!sameCodes(before.codes, after.codes) ? [`changed the codes of ${quote(after.label)} from ${before.codes.join(', ')} to ${after.codes.join(', ')}`] : []),
    ]),
    ...(change.reordered ? ['changed the order'] : []),
  ];
}

/** "Anna Nowak changed the merchant categories: added 'Coworking', removed 'Gambling and betting'." */
export function mccChangeSentence(actorName: string, change: MccCategoriesChange, after: readonly MccCategory[]): string {
  const verb = isDefaultCatalog(after) ? 'restored the default merchant categories' : 'changed the merchant categories';
  return `${actorName} ${verb}: ${joinPhrases(mccChangePhrases(change))}.`;
}
