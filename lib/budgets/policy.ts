import { formatMoney } from '@/lib/money';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';

// The budget policy (docs/decisions/105): how much each role may add to what cards can spend on its
// own, before a second person must approve. One policy for every path that raises a budget (assign,
// edit, top-up, accepting a change request, bulk), judged by one function, `judgeIncrease`. Pure and
// client-safe: the dialogs preview with it, the server (lib/budgets/gate.ts) enforces it. Amounts are
// integer minor units of the corporation's currency (the accounts share one, decision 101).

export const POLICY_ROLES = ['OPERATOR', 'APPROVER', 'ADMIN'] as const satisfies readonly Role[];
export type PolicyRole = (typeof POLICY_ROLES)[number];

export interface RoleAllowance {
  /** The largest raise of one card's budget in one change (top-up, edit, accepting a request). */
  perChangeMinor: number;
  /** The largest budget of a new card. */
  newCardMinor: number;
  /** What one person may add alone across all cards in any 24 hours (new cards included). */
  perPersonDayMinor: number;
  /** What may be added alone to one card in any 24 hours, whoever adds it (its first budget included). */
  perCardDayMinor: number;
}

export type BudgetPolicy = Record<PolicyRole, RoleAllowance>;

export const ALLOWANCE_FIELDS = ['perChangeMinor', 'newCardMinor', 'perPersonDayMinor', 'perCardDayMinor'] as const satisfies readonly (keyof RoleAllowance)[];
export type AllowanceField = (typeof ALLOWANCE_FIELDS)[number];

export const ALLOWANCE_LABELS = {
  perChangeMinor: 'Largest raise per change',
  newCardMinor: 'Largest new-card budget',
  perPersonDayMinor: 'Per person per 24 hours',
  perCardDayMinor: 'Per card per 24 hours',
} as const satisfies Record<AllowanceField, string>;

/** A small finance team's defaults (docs/decisions/105), in minor units (PLN grosze in the demo). */
export const DEFAULT_BUDGET_POLICY: BudgetPolicy = {
  OPERATOR: { perChangeMinor: 100_000, newCardMinor: 100_000, perPersonDayMinor: 500_000, perCardDayMinor: 100_000 },
  APPROVER: { perChangeMinor: 1_000_000, newCardMinor: 1_000_000, perPersonDayMinor: 5_000_000, perCardDayMinor: 1_000_000 },
  ADMIN: { perChangeMinor: 1_000_000, newCardMinor: 1_000_000, perPersonDayMinor: 5_000_000, perCardDayMinor: 1_000_000 },
};

export function isPolicyRole(role: Role): role is PolicyRole {
  return (POLICY_ROLES as readonly string[]).includes(role);
}

/** What a change adds to what cards may spend. */
export interface Increase {
  /** A new card's budget (ASSIGN) or the raise of an existing card's budget. */
  kind: 'new_card' | 'raise';
  amountMinor: bigint;
}

/** What the person and the card were already given alone in the last 24 hours. */
export interface Usage {
  personMinor: bigint;
  /** null: not about a known card (a new card). */
  cardMinor: bigint | null;
}

export type LimitName = 'PER_CHANGE' | 'NEW_CARD' | 'PERSON_DAY' | 'CARD_DAY' | 'NO_ALLOWANCE';

export type Judgement =
  | { ok: true }
  | {
      ok: false;
      limit: LimitName;
      /** The limit that is exceeded. */
      limitMinor: bigint;
      /** Already used of it (the rolling totals), 0 for per-change limits. */
      usedMinor: bigint;
      /** What is left of it (never negative). */
      leftMinor: bigint;
    };

function over(limit: LimitName, limitMinor: bigint, usedMinor: bigint, amount: bigint): Judgement | null {
  if (usedMinor + amount <= limitMinor) return null;
  const left = limitMinor - usedMinor;
  return { ok: false, limit, limitMinor, usedMinor, leftMinor: left > 0n ? left : 0n };
}

/**
 * Whether `role` may add `increase` alone now, given what was added alone in the last 24 hours. A
 * change that adds nothing (a reduction, an edit that keeps the budget) is always allowed: it does not
 * raise what anyone can spend.
 */
export function judgeIncrease(policy: BudgetPolicy, role: Role, increase: Increase, usage: Usage): Judgement {
  if (increase.amountMinor <= 0n) return { ok: true };
  if (!isPolicyRole(role)) return { ok: false, limit: 'NO_ALLOWANCE', limitMinor: 0n, usedMinor: 0n, leftMinor: 0n };
  const allowance = policy[role];
  const amount = increase.amountMinor;
  return (
    (increase.kind === 'new_card'
      ? over('NEW_CARD', BigInt(allowance.newCardMinor), 0n, amount)
      : over('PER_CHANGE', BigInt(allowance.perChangeMinor), 0n, amount)) ??
    (usage.cardMinor === null ? null : over('CARD_DAY', BigInt(allowance.perCardDayMinor), usage.cardMinor, amount)) ??
    over('PERSON_DAY', BigInt(allowance.perPersonDayMinor), usage.personMinor, amount) ?? { ok: true }
  );
}

/** "above your limit of PLN 1,000.00 per change" — why a change waits, in the requester's words. */
export function limitWords(j: Exclude<Judgement, { ok: true }>, currency: string, role: Role): string {
  const money = (v: bigint) => formatMoney(v, currency);
  const who = ROLE_LABELS[role].toLowerCase();
  switch (j.limit) {
    case 'PER_CHANGE':
      return `above the ${who} limit of ${money(j.limitMinor)} per change`;
    case 'NEW_CARD':
      return `above the ${who} limit of ${money(j.limitMinor)} for a new card's budget`;
    case 'PERSON_DAY':
      return `above what one ${who} may add alone in 24 hours (${money(j.limitMinor)}; ${money(j.usedMinor)} used, ${money(j.leftMinor)} left)`;
    case 'CARD_DAY':
      return `above what may be added alone to one card in 24 hours (${money(j.limitMinor)}; ${money(j.usedMinor)} already added to this card, ${money(j.leftMinor)} left)`;
    case 'NO_ALLOWANCE':
      return `the ${who} role may not raise budgets on its own`;
  }
}

/** True when `next` allows nothing `current` did not: every amount the same or lower. */
export function isTightening(current: BudgetPolicy, next: BudgetPolicy): boolean {
  return POLICY_ROLES.every((role) => ALLOWANCE_FIELDS.every((field) => next[role][field] <= current[role][field]));
}

/** The amounts that differ, for audit sentences: "operator per change PLN 1,000.00 → PLN 2,000.00". */
export function policyDifferences(before: BudgetPolicy, after: BudgetPolicy, currency: string): string[] {
  const out: string[] = [];
  for (const role of POLICY_ROLES) {
    for (const field of ALLOWANCE_FIELDS) {
      if (before[role][field] === after[role][field]) continue;
      out.push(`${ROLE_LABELS[role].toLowerCase()} ${ALLOWANCE_LABELS[field].toLowerCase()} ${formatMoney(before[role][field], currency)} → ${formatMoney(after[role][field], currency)}`);
    }
  }
  return out;
}
