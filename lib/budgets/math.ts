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

/** A card's figures; spent and available are null when Sparados did not report them (docs/decisions/115). */
export interface BudgetFigures {
  budgetMinor: bigint;
  spentMinor: bigint | null;
  availableMinor: bigint | null;
}

/** The figures after the budget moves by `delta` (available moves with it; spent does not). */
export function shiftFigures(f: BudgetFigures, delta: bigint): BudgetFigures {
  return { budgetMinor: f.budgetMinor + delta, spentMinor: f.spentMinor, availableMinor: f.availableMinor === null ? null : f.availableMinor + delta };
}

export const AVAILABLE_UNKNOWN =
  'Sparados did not report what is still available on this card, so it cannot be set to an amount: top up or reduce by an amount instead.';

export type BudgetPlan =
  | { ok: true; deltaMinor: bigint; after: BudgetFigures }
  | { ok: false; reason: 'NO_CHANGE'; message: string }
  | { ok: false; reason: 'AVAILABLE_UNKNOWN'; message: string }
  /** A reduction below what is spent: `floorMinor` is the lowest the budget may go (the spent amount). */
  | { ok: false; reason: 'BELOW_SPENT'; message: string; floorMinor: bigint; maxReductionMinor: bigint };

/**
 * Sparados moves the budget by a signed amount (increase_budget); available moves with it. A target
 * for the available amount is turned into that amount here, from the figures read just before.
 */
export function planBudgetChange(figures: BudgetFigures, mode: BudgetChangeMode, amountMinor: bigint, currency: string): BudgetPlan {
  const available = figures.availableMinor;
  if (mode === 'target' && available === null) return { ok: false, reason: 'AVAILABLE_UNKNOWN', message: AVAILABLE_UNKNOWN };
  const delta = mode === 'increase' ? amountMinor : mode === 'decrease' ? -amountMinor : amountMinor - available!;
  if (delta === 0n) {
    return { ok: false, reason: 'NO_CHANGE', message: `The available amount is already ${formatMoney(amountMinor, currency)}; nothing to change.` };
  }
  // With the available amount unknown, Sparados judges a reduction itself (422 below what is spent).
  if (available !== null && delta < 0n && -delta > available) {
    // Budget − spent = available (what is blocked or settled stays spent), so the floor is the spent amount.
    const floor = figures.budgetMinor - available;
    return {
      ok: false,
      reason: 'BELOW_SPENT',
      message: `The budget cannot go below what is already spent: it may go down to ${formatMoney(floor, currency)} (at most ${formatMoney(available, currency)} less).`,
      floorMinor: floor,
      maxReductionMinor: available,
    };
  }
  return { ok: true, deltaMinor: delta, after: shiftFigures(figures, delta) };
}

/** Figures as JSON-safe strings (server actions and polled JSON carry money as decimal strings). */
export interface BudgetFiguresJson {
  budgetMinor: string;
  spentMinor: string | null;
  availableMinor: string | null;
}

export function figuresJson(f: BudgetFigures): BudgetFiguresJson {
  return { budgetMinor: f.budgetMinor.toString(), spentMinor: f.spentMinor?.toString() ?? null, availableMinor: f.availableMinor?.toString() ?? null };
}

const bigOrNull = (value: string | null) => (value === null ? null : BigInt(value));

export function figuresFromJson(f: BudgetFiguresJson): BudgetFigures {
  return { budgetMinor: BigInt(f.budgetMinor), spentMinor: bigOrNull(f.spentMinor), availableMinor: bigOrNull(f.availableMinor) };
}
