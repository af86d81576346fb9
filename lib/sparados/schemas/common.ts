import { z } from 'zod';

// Building blocks for tolerant response parsing. Sparados promises backward-compatible growth
// (new fields, new enum values at any time), so responses use loose objects (unknown fields kept)
// and enums that turn an unexpected value into the explicit UNKNOWN instead of failing the parse.

export const UNKNOWN = 'UNKNOWN' as const;
export type Unknown = typeof UNKNOWN;

/** A known enum member, or UNKNOWN for a value this client has not heard of yet. */
export type Tolerant<T extends string> = T | Unknown;

type UnknownEnumListener = (enumName: string, value: string) => void;
let onUnknownEnum: UnknownEnumListener = () => {};

/** The client installs a logger here so operators see which new value arrived (values are never secrets). */
export function setUnknownEnumListener(listener: UnknownEnumListener): void {
  onUnknownEnum = listener;
}

export function toTolerant<const T extends readonly string[]>(enumName: string, values: T, raw: string): Tolerant<T[number]> {
  if ((values as readonly string[]).includes(raw)) return raw as T[number];
  onUnknownEnum(enumName, raw);
  return UNKNOWN;
}

export function tolerantEnum<const T extends readonly string[]>(enumName: string, values: T) {
  return z.string().transform((raw): Tolerant<T[number]> => toTolerant(enumName, values, raw));
}

export function isKnown<T extends string>(value: Tolerant<T>): value is T {
  return value !== UNKNOWN;
}

/** Ids are UUID strings on the Cards API and integers on the Full API: both become strings. */
export const flexibleId = z.union([z.string().min(1), z.number().int()]).transform(String);

/**
 * Integer minor units; a numeric string is accepted in case a gateway serialises longs as text.
 * Only safe integers either way: past 2^53 a number no longer holds the exact amount, and money is
 * never rounded silently (zod 4's .int() already refuses unsafe numbers; the string path checks after Number).
 */
export const minorUnits = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
    .pipe(z.number().int()),
]);

/** ISO 8601 instant as sent by Sparados, kept as a string on the wire (the domain turns it into a Date). */
export const isoInstant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { error: 'not an ISO 8601 date' });

/** Absent or null. No transform on purpose: each zod transform costs per field and per call (bench:client); the domain maps to null. */
export const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

/** Spring-style page as used by the list endpoints (Spring itself calls the page index `number`). */
export function pageOf<T extends z.ZodType>(item: T) {
  const count = z.number().int().nonnegative().optional();
  return z
    .looseObject({ content: z.array(item), page: count, number: count, size: count, totalElements: count, totalPages: count })
    .transform(({ content, page, number, size, totalElements, totalPages }) => ({
      content,
      page: page ?? number ?? 0,
      size: size ?? content.length,
      totalElements: totalElements ?? content.length,
      totalPages: totalPages ?? 1,
    }));
}
