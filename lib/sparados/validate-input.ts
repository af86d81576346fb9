import type { z } from 'zod';
import { SparadosError } from './errors';

/** Checks a request before it leaves, so a malformed call fails fast with field errors and is never sent. */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, endpoint: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  return (() => {
    throw new SparadosError({
      kind: 'invalid_request',
      endpoint,
      sent: false,
      message: `${endpoint}: invalid request (${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')})`,
      fieldErrors: result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  })();
}
