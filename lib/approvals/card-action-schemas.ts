import { z } from 'zod';
import { interpretRules, rulesFormShape } from './assign-schema';

// Inputs of the card page's actions. Client-safe: the page checks with the same schemas it posts to.
// Every action names the approval the admin saw (`approvalId`), so a page left open while the card
// moved on acts on nothing it did not show, and carries the key of this one intent.

export const cardActionSchema = z.object({
  cardId: z.uuid('Reload the page: the card reference is not valid'),
  /** The Sparados approval id the page showed the action on. */
  approvalId: z.string().trim().min(1).max(64),
  /** Made by the page for each intent: a double click or a retry sends it once. */
  idempotencyKey: z.uuid('The page is out of date: reload it'),
});
export type CardActionInput = z.input<typeof cardActionSchema>;

// The budget dialog's schema lives with the other budget inputs: lib/budgets/schemas.ts.

/** Edit rules: the assign form's rules part (same checks, same messages) on a known card. */
export const editCardSchema = cardActionSchema
  .extend(rulesFormShape)
  .superRefine((value, ctx) => {
    for (const issue of interpretRules(value).issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .transform((value) => {
    const { rules } = interpretRules(value);
    if (!rules) throw new Error('edit form: rules did not parse after validation');
    return {
      cardId: value.cardId,
      approvalId: value.approvalId,
      idempotencyKey: value.idempotencyKey,
      currency: value.currency,
      ...rules,
      visualId: value.visualId || null,
      description: value.description || null,
      tags: [...new Set(value.tags)],
      allowChangeRequest: value.allowChangeRequest,
    };
  });
export type EditCardInput = z.input<typeof editCardSchema>;
export type EditCard = z.output<typeof editCardSchema>;
