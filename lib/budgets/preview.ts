import { formatMoney, parseAmount } from '@/lib/money';
import { figuresFromJson, figuresJson, planBudgetChange, type BudgetChangeMode, type BudgetFiguresJson } from './math';
import type { AloneLimit } from './view-types';

// The forms' live preview of a budget change as the admin types: the same parse and plan the server
// runs, plus whether the budget policy would send it to a second approver (what the admin may add alone
// to this card now: the per-change limit and what is left of their and the card's 24-hour totals; the
// server judges again when it is sent). Client-safe.

export type BudgetPreview =
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string }
  /** Refused before anything is sent (below spent, or no change). */
  | { kind: 'refused'; message: string }
  | { kind: 'ok'; deltaMinor: string; after: BudgetFiguresJson; needsSecondApprover: boolean; note: string | null };

/** `alone`: the largest raise of this card the admin may make alone now, and why (null: none at all). */
export function previewBudgetChange(figures: BudgetFiguresJson, mode: BudgetChangeMode, amountText: string, currency: string, alone: AloneLimit | null): BudgetPreview {
  if (amountText.trim() === '') return { kind: 'empty' };
  const parsed = parseAmount(amountText, currency, { allowZero: mode === 'target' });
  if (!parsed.ok) return { kind: 'invalid', message: `Amount: ${parsed.message}` };
  const plan = planBudgetChange(figuresFromJson(figures), mode, parsed.minor, currency);
  if (!plan.ok) return { kind: 'refused', message: plan.message };
  const needsSecond = plan.deltaMinor > 0n && (alone === null || plan.deltaMinor > BigInt(alone.minor));
  return {
    kind: 'ok',
    deltaMinor: plan.deltaMinor.toString(),
    after: figuresJson(plan.after),
    needsSecondApprover: needsSecond,
    note: needsSecond
      ? `A top-up of ${formatMoney(plan.deltaMinor, currency)} is above what you may add alone to this card now${alone === null ? '' : `: ${formatMoney(BigInt(alone.minor), currency)}, ${alone.because}`}. It will wait for a second approver.`
      : null,
  };
}
