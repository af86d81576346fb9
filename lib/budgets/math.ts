import { formatMoney } from '@/lib/money';

// What a budget change does to a card's figures, before anyone calls Sparados. Pure and client-safe:
// the budget dialog, the bulk preview and the server all plan with this one function, so the preview
// shows exactly what the server will accept or refuse.

export const BUDGET_CHANGE_MODES = ['increase', 'decrease', 'target'] as const;
export type BudgetChangeMode = (typeof BUDGET_CHANGE_MODES)[number];

export const BUDGET_MODE_LABELS = {
  increase: 'Top up by',
  decrease: 'Reduce by',
  target: 'Set available to',
} as const satisfies Record<BudgetChangeMode, string>;

export interface BudgetFigures {
  budgetMinor: bigint;
  spentMinor: bigint;
  availableMinor: bigint;
}

export type BudgetPlan =
  | { ok: true; deltaMinor: bigint; after: BudgetFigures }
  | { ok: false; reason: 'NO_CHANGE'; message: string }
  /** A reduction below what is spent: `floorMinor` is the lowest the budget may go (the spent amount). */
  | { ok: false; reason: 'BELOW_SPENT'; message: string; floorMinor: bigint; maxReductionMinor: bigint };

/**
 * Sparados moves the budget by a signed amount (increase_budget); available moves with it. A target
 * for the available amount is turned into that amount here, from the figures read just before.
 */
export function planBudgetChange(figures: BudgetFigures, mode: BudgetChangeMode, amountMinor: bigint, currency: string): BudgetPlan {
  const delta = mode === 'increase' ? amountMinor : mode === 'decrease' ? -amountMinor : amountMinor - figures.availableMinor;
  if (delta === 0n) {
    return { ok: false, reason: 'NO_CHANGE', message: `The available amount is already ${formatMoney(figures.availableMinor, currency)}; nothing to change.` };
  }
  if (delta < 0n && -delta > figures.availableMinor) {
    // Budget − spent = available (what is blocked or settled stays spent), so the floor is the spent amount.
    const floor = figures.budgetMinor - figures.availableMinor;
    return {
      ok: false,
      reason: 'BELOW_SPENT',
      message: `The budget cannot go below what is already spent: it may go down to ${formatMoney(floor, currency)} (at most ${formatMoney(figures.availableMinor, currency)} less).`,
      floorMinor: floor,
      maxReductionMinor: figures.availableMinor,
    };
  }
  return {
    ok: true,
    deltaMinor: delta,
    after: { budgetMinor: figures.budgetMinor + delta, spentMinor: figures.spentMinor, availableMinor: figures.availableMinor + delta },
  };
}

/** "raised the budget … from X to Y" / "lowered …": the verb of an audit sentence. */
export function budgetVerb(deltaMinor: bigint): 'raised' | 'lowered' {
  return deltaMinor > 0n ? 'raised' : 'lowered';
}

/** Figures as JSON-safe strings (server actions and polled JSON carry money as decimal strings). */
export interface BudgetFiguresJson {
  budgetMinor: string;
  spentMinor: string;
  availableMinor: string;
}

export function figuresJson(f: BudgetFigures): BudgetFiguresJson {
  return { budgetMinor: f.budgetMinor.toString(), spentMinor: f.spentMinor.toString(), availableMinor: f.availableMinor.toString() };
}

export function figuresFromJson(f: BudgetFiguresJson): BudgetFigures {
  return { budgetMinor: BigInt(f.budgetMinor), spentMinor: BigInt(f.spentMinor), availableMinor: BigInt(f.availableMinor) };
}
