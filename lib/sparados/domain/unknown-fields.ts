/** The fields of a loosely parsed object that the schema did not name: kept, never dropped. */
export function unknownFields(value: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!known.includes(key)) extra[key] = field;
  }
  return extra;
}

/**
 * The fields a schema names, nested: `true` for a leaf, a shape for an object, `[shape]` for an
 * array of objects.
 */
export type KnownShape = { readonly [key: string]: true | KnownShape | readonly [KnownShape] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Like unknownFields, also inside the known nested objects: an unknown field of `rules` is kept as
 * `extra.rules.<field>` (a known name never holds an unknown top-level field, so nothing collides);
 * in an array of objects, as a list of each item's unknown fields. Parts with nothing unknown are left out.
 */
export function unknownFieldsDeep(value: Record<string, unknown>, known: KnownShape): Record<string, unknown> {
  return collectUnknown(value, known) ?? {};
}

// Runs on every parsed answer: for…in and undefined-for-nothing instead of Object.entries and
// Object.keys arrays per nested object (bench:client). Parsed JSON has no inherited enumerable keys.
function collectUnknown(value: Record<string, unknown>, known: KnownShape): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key in value) {
    const shape = known[key];
    const field = value[key];
    if (shape === undefined) {
      (extra ??= {})[key] = field;
    } else if (Array.isArray(shape) && Array.isArray(field)) {
      let any = false;
      const items = field.map((item) => {
        const nested = isRecord(item) ? collectUnknown(item, shape[0]) : undefined;
        if (nested) any = true;
        return nested ?? {};
      });
      if (any) (extra ??= {})[key] = items;
    } else if (shape !== true && !Array.isArray(shape) && isRecord(field)) {
      const nested = collectUnknown(field, shape as KnownShape);
      if (nested) (extra ??= {})[key] = nested;
    }
  }
  return extra;
}
