// Small pieces of the audit sentences the settings editors write (docs/decisions/113). Client-safe.

export const quote = (text: string) => `'${text}'`;

/** Phrases of one sentence: commas between them, or semicolons once a phrase has commas of its own. */
export function joinPhrases(phrases: readonly string[]): string {
  return phrases.join(phrases.some((p) => p.includes(',')) ? '; ' : ', ');
}

/** Whether the entries both lists keep appear in a different order (additions and removals aside). */
export function orderChanged(before: readonly string[], after: readonly string[]): boolean {
  const kept = new Set(after);
  const oldOrder = before.filter((key) => kept.has(key));
  const stillThere = new Set(oldOrder);
  const newOrder = after.filter((key) => stillThere.has(key));
  return oldOrder.some((key, i) => key !== newOrder[i]);
}
