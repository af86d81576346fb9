import { z } from 'zod';
import { cardActionSchema } from '@/lib/approvals/card-action-schemas';
import { isCurrencyCode } from '@/lib/money';

// Inputs of the requests inbox's decisions. Client-safe: the dialogs check with the same schemas.

export const REJECT_REASON_MAX = 500;
/** One page of the inbox at most; each decision is a call to Sparados. */
export const MAX_BULK_DECISIONS = 100;

export const rejectReason = z
  .string({ error: 'Say why the request is rejected' })
  .trim()
  .min(3, 'Say why the request is rejected (at least 3 characters); it is kept in the audit log')
  .max(REJECT_REASON_MAX, `The reason can have at most ${REJECT_REASON_MAX} characters`);

export const rejectRequestSchema = cardActionSchema.extend({ reason: rejectReason });
export type RejectRequestInput = z.input<typeof rejectRequestSchema>;

/** Edit then accept: what a cardholder asks for (budget, end date) adjusted before accepting; the other rules stay as requested. */
export const editAndAcceptSchema = cardActionSchema.extend({
  currency: z.string().refine(isCurrencyCode, 'Reload the page: unknown currency'),
  budget: z.string({ error: 'Enter the budget' }).trim().min(1, 'Enter the budget'),
  /** YYYY-MM-DD in the approval's time zone. */
  endDate: z.string({ error: 'Enter the end date' }).trim().min(1, 'Enter the end date'),
});
export type EditAndAcceptInput = z.input<typeof editAndAcceptSchema>;

export const BULK_DECISIONS = ['accept', 'reject'] as const;

export const bulkDecisionSchema = z
  .object({
    decision: z.enum(BULK_DECISIONS, { error: 'Choose accept or reject' }),
    idempotencyKey: z.uuid('The page is out of date: reload it'),
    reason: z.string().trim().max(REJECT_REASON_MAX, `The reason can have at most ${REJECT_REASON_MAX} characters`).default(''),
    items: z
      .array(z.object({ cardId: z.uuid(), approvalId: z.string().trim().min(1).max(64) }))
      .min(1, 'Select at least one request')
      .max(MAX_BULK_DECISIONS, `Select at most ${MAX_BULK_DECISIONS} requests at a time`),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && value.reason.length < 3) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the requests are rejected (at least 3 characters); it is kept in the audit log' });
    }
  });
export type BulkDecisionInput = z.input<typeof bulkDecisionSchema>;
