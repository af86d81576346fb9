// Amount limits (general, ecommerce, atm, foreign_amount): which spend each kind counts, and
// whether one more amount still fits every limit of that kind.
import { isInWindow, windowBounds } from './windows';
import type { Channel, DeclineReason, LimitRule, SpendRecord, TimeUnit } from './types';

export type AmountLimitType = Extract<LimitRule['type'], 'general' | 'ecommerce' | 'atm' | 'foreign_amount'>;

interface Spend {
  channel: Channel;
  foreign: boolean;
}

export const AMOUNT_LIMITS = {
  // general caps everything, so an ATM limit above it can never be reached
  general: { reason: 'GENERAL_LIMIT', counts: () => true },
  ecommerce: { reason: 'ECOMMERCE_LIMIT', counts: (spend) => spend.channel === 'ECOMMERCE' },
  atm: { reason: 'ATM_LIMIT', counts: (spend) => spend.channel === 'ATM' },
  foreign_amount: { reason: 'FOREIGN_LIMIT', counts: (spend) => spend.foreign },
} as const satisfies Record<AmountLimitType, { reason: DeclineReason; counts: (spend: Spend) => boolean }>;

/** Rules of `type` with an amount; `null`/absent means unlimited and is skipped. */
function amountRules(limits: readonly LimitRule[], type: AmountLimitType) {
  return limits.filter(
    (rule): rule is LimitRule & { amountMinor: number } => rule.type === type && rule.amountMinor != null,
  );
}

/** `0` switches the kind off entirely, whatever the window (a negative amount is treated alike). */
export function isKindDisabled(limits: readonly LimitRule[], type: AmountLimitType, spend: Spend): boolean {
  return AMOUNT_LIMITS[type].counts(spend) && amountRules(limits, type).some((rule) => rule.amountMinor <= 0);
}

/**
 * Net spend of `type` in the window of `unit` containing `at`. Refunds count negative, so they
 * free room; the total never drops below zero, so a refund of last month's purchase cannot lift
 * this month above its limit. A rule without a time unit counts the card's whole history.
 */
export function usedInWindow(
  history: readonly SpendRecord[],
  type: AmountLimitType,
  at: Date,
  unit: TimeUnit | null,
  timezone: string,
): number {
  const window = unit === null ? null : windowBounds(at, unit, timezone);
  const used = history
    .filter((record) => AMOUNT_LIMITS[type].counts(record))
    .filter((record) => window === null || isInWindow(record.at, window))
    .reduce((sum, record) => sum + record.amountMinor, 0);
  return Math.max(used, 0);
}

/**
 * True when `amountMinor` (balance currency) does not fit some positive rule of `type`; disabled
 * rules are isKindDisabled's concern, so each check fails for one reason only.
 */
export function exceedsKindLimit(
  limits: readonly LimitRule[],
  type: AmountLimitType,
  spend: Spend & { at: Date; amountMinor: number },
  history: readonly SpendRecord[],
  timezone: string,
): boolean {
  if (!AMOUNT_LIMITS[type].counts(spend)) return false;
  return amountRules(limits, type).some(
    (rule) =>
      rule.amountMinor > 0 &&
      usedInWindow(history, type, spend.at, rule.timeUnit, timezone) + spend.amountMinor > rule.amountMinor,
  );
}
