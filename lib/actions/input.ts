import type { z } from 'zod';
import type { FieldErrors } from '@/lib/errors';

// Pure helpers of the action wrapper: turning raw input into something zod can parse, and zod's
// issues into per-field messages a form can show.

/** Key for issues about the input as a whole rather than one field. */
export const FORM_ERROR_KEY = '_form';

/**
 * A form post becomes a plain object: repeated names become arrays, Next's own `$ACTION_*`
 * bookkeeping fields are dropped, and empty strings stay strings (schemas decide what empty means).
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key in out) {
      const existing = out[key];
      out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function normalizeInput(input: unknown): unknown {
  return typeof FormData !== 'undefined' && input instanceof FormData ? formDataToObject(input) : input;
}

/** Issues keyed by their dotted path ("limits.atm"); the first issue of a field comes first. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : FORM_ERROR_KEY;
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
