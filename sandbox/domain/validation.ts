// Shared validation helpers: zod issues → the `errors[]` of API-REFERENCE §8, and field types reused by several bodies.
import { z } from 'zod';
import { validationError, type FieldError } from '../http/errors';

export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  let name = '';
  for (const part of path) {
    if (typeof part === 'number') name += `[${part}]`;
    else name += name ? `.${String(part)}` : String(part);
  }
  return name || 'body';
}

/** One error per field: the first problem found, which is the most basic one (type before format before range). */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = fieldName(issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

/** Parses or throws a 400 naming every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(toFieldErrors(result.error));
  return result.data;
}

/** Money in minor units: a JSON integer, never a float or a string. */
export const minorAmount = () => z.int({ error: 'must be an integer amount in minor units' });

export const isoInstant = () =>
  z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a zone, e.g. 2023-05-22T10:00:01.953Z' });

export const mccCode = () => z.string({ error: 'must be a string' }).regex(/^\d{4}$/, 'must be an MCC code of four digits');

export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
