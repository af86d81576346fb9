import { z } from 'zod';
import { contactFieldSchemas } from '@/lib/approvals/assign-schema';

// Client-safe schemas of the cardholder forms; the contact rules are the assign form's.

export const editCardholderSchema = z
  .object({
    cardholderId: z.uuid('Unknown cardholder'),
    /** Made once per form instance: a double click sends the Sparados change once. */
    idempotencyKey: z.uuid('The form is out of date: reload the page'),
    /** Whether the holder is a Sparados user, as the page knew it; the server checks its own record. */
    fullApi: z.boolean().default(false),
    ...contactFieldSchemas,
  })
  .superRefine((value, ctx) => {
    // Sparados users need all four (API-REFERENCE §5); the form says when the holder is one.
    if (!value.fullApi) return;
    for (const [field, messages] of Object.entries(missingSparadosFields(value))) ctx.addIssue({ code: 'custom', path: [field], message: messages[0] });
  });

export type EditCardholderValues = z.input<typeof editCardholderSchema>;
export type EditCardholder = z.output<typeof editCardholderSchema>;


/** The Full API fields a Sparados user must have; missing ones are named. */
export function missingSparadosFields(value: Pick<EditCardholder, 'firstName' | 'lastName' | 'birthDate' | 'nationality'>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, label] of [['firstName', 'first name'], ['lastName', 'last name'], ['birthDate', 'date of birth'], ['nationality', 'nationality']] as const) {
    if (!value[field]) out[field] = [`Enter the ${label} (a Sparados user needs it)`];
  }
  return out;
}
