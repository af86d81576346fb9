import { z } from 'zod';
import { cardActionSchema } from '@/lib/approvals/card-action-schemas';
import { isCurrencyCode, parseAmount } from '@/lib/money';
import { BUDGET_CHANGE_MODES, type BudgetChangeMode } from './math';

// Inputs of the budget actions (issue 6 items 2–4). Client-safe: each form checks itself with the
// schema its action parses again on the server. Amounts are typed in major units of the account
// currency and become integer minor units here.

/** Enough for a page of selected cards; larger batches belong in the CSV import. */
export const MAX_BULK_CARDS = 200;

const currency = z.string({ error: 'Reload the page: the currency is missing' }).refine(isCurrencyCode, 'Reload the page: unknown currency');
const mode = z.enum(BUDGET_CHANGE_MODES, { error: 'Choose top up, reduce or set the available amount' });
/** Every intent carries its own key, made by the form: a double click or a retry sends it once. */
const idempotencyKey = z.uuid('The page is out of date: reload it');

function amountOf(value: { mode: BudgetChangeMode; amount: string; currency: string }, ctx: z.RefinementCtx): bigint | typeof z.NEVER {
  const parsed = parseAmount(value.amount, value.currency, { allowZero: value.mode === 'target' });
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.error === 'EMPTY' ? 'Enter the amount' : `Amount: ${parsed.message}` });
    return z.NEVER;
  }
  return parsed.minor;
}

const amountShape = { mode, amount: z.string({ error: 'Enter the amount' }), currency };

/** One card, from its page's budget dialog. */
export const changeBudgetSchema = cardActionSchema.extend(amountShape).transform((value, ctx) => {
  const amountMinor = amountOf(value, ctx);
  return { cardId: value.cardId, approvalId: value.approvalId, idempotencyKey: value.idempotencyKey, currency: value.currency, mode: value.mode, amountMinor };
});
export type ChangeBudgetInput = z.input<typeof changeBudgetSchema>;
export type ChangeBudget = z.output<typeof changeBudgetSchema>;

export const selectedCardSchema = z.object({
  cardId: z.uuid('Reload the page: a card reference is not valid'),
  /** The approval the page showed for the card. */
  approvalId: z.string().trim().min(1).max(64),
});
export type SelectedCard = z.infer<typeof selectedCardSchema>;

const selection = z
  .array(selectedCardSchema)
  .min(1, 'Select at least one card')
  .max(MAX_BULK_CARDS, `Select at most ${MAX_BULK_CARDS} cards at a time`)
  .refine((cards) => new Set(cards.map((c) => c.cardId)).size === cards.length, 'A card is selected twice');

/** The same change on many selected cards. */
export const bulkBudgetSchema = z.object({ idempotencyKey, ...amountShape, cards: selection }).transform((value, ctx) => {
  const amountMinor = amountOf(value, ctx);
  return { idempotencyKey: value.idempotencyKey, currency: value.currency, mode: value.mode, amountMinor, cards: value.cards };
});
export type BulkBudgetInput = z.input<typeof bulkBudgetSchema>;
export type BulkBudget = z.output<typeof bulkBudgetSchema>;

/** Reclaim idle budget: each selected card's budget goes down to what it has spent. */
export const reclaimSchema = z.object({ idempotencyKey, currency, cards: selection });
export type ReclaimInput = z.input<typeof reclaimSchema>;

export const budgetChangeDecisionSchema = z.object({
  changeId: z.uuid('Reload the page: the change reference is not valid'),
  reason: z.string().trim().max(500, 'The reason can have at most 500 characters').default(''),
});
export type BudgetChangeDecisionInput = z.input<typeof budgetChangeDecisionSchema>;

/** Settings → four-eyes limits, typed in major units. */
export const topUpLimitsSchema = z
  .object({ currency, OPERATOR: z.string(), APPROVER: z.string(), ADMIN: z.string() })
  .transform((value, ctx) => {
    const out = { currency: value.currency } as { currency: string; OPERATOR: bigint; APPROVER: bigint; ADMIN: bigint };
    for (const role of ['OPERATOR', 'APPROVER', 'ADMIN'] as const) {
      const parsed = parseAmount(value[role], value.currency, { allowZero: true, max: 10n ** 15n });
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path: [role], message: parsed.error === 'EMPTY' ? 'Enter an amount (0 sends every top-up to a second approver)' : parsed.message });
        continue;
      }
      out[role] = parsed.minor;
    }
    return out;
  });
export type TopUpLimitsInput = z.input<typeof topUpLimitsSchema>;
