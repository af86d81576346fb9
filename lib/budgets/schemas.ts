import { z } from 'zod';
import { cardActionSchema } from '@/lib/approvals/card-action-schemas';
import { isCurrencyCode, parseAmount } from '@/lib/money';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { settingRevisionSchema } from '@/lib/settings/setting-revision';
import { BUDGET_CHANGE_MODES, type BudgetChangeMode } from './math';
import { ALLOWANCE_FIELDS, ALLOWANCE_LABELS, POLICY_ROLES, type AllowanceField, type BudgetPolicy, type PolicyRole } from './policy';

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

/** Settings → the budget policy: per role, four amounts typed in major units; replaces the version the form loaded. */
export const budgetPolicySchema = z
  .object({
    currency,
    revision: settingRevisionSchema,
    roles: z.object(Object.fromEntries(POLICY_ROLES.map((role) => [role, z.object(Object.fromEntries(ALLOWANCE_FIELDS.map((f) => [f, z.string({ error: 'Enter an amount' })])))])) as Record<
      PolicyRole,
      z.ZodObject<Record<AllowanceField, z.ZodString>>
    >),
  })
  .transform((value, ctx) => {
    const policy = {} as BudgetPolicy;
    for (const role of POLICY_ROLES) {
      policy[role] = {} as BudgetPolicy[PolicyRole];
      for (const field of ALLOWANCE_FIELDS) {
        const parsed = parseAmount(value.roles[role][field], value.currency, { allowZero: true, max: 10n ** 15n });
        if (!parsed.ok) {
          const what = `${ROLE_LABELS[role]}, ${ALLOWANCE_LABELS[field].toLowerCase()}`;
          ctx.addIssue({ code: 'custom', path: ['roles', role, field], message: parsed.error === 'EMPTY' ? `${what}: enter an amount (0 sends every raise of this kind to a second person)` : `${what}: ${parsed.message}` });
          continue;
        }
        policy[role][field] = Number(parsed.minor);
      }
    }
    return { currency: value.currency, revision: value.revision, policy };
  });
export type BudgetPolicyInput = z.input<typeof budgetPolicySchema>;
