/** The fields of a loosely parsed object that the schema did not name: kept, never dropped. */
export function unknownFields(value: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!known.includes(key)) extra[key] = field;
  }
  return extra;
}
