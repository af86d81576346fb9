// Merchant category rules. Their amountMinor and timeUnit carry no meaning and are ignored.
import type { LimitRule } from './types';

function lists(limits: readonly LimitRule[], type: 'mcc_whitelist' | 'mcc_blacklist'): string[][] {
  return limits.filter((rule) => rule.type === type).map((rule) => rule.mccList ?? []);
}

/** Every whitelist applies: the code must be on each one (an empty whitelist allows nothing). */
export function isMccNotAllowed(limits: readonly LimitRule[], mcc: string): boolean {
  return lists(limits, 'mcc_whitelist').some((codes) => !codes.includes(mcc));
}

export function isMccBlocked(limits: readonly LimitRule[], mcc: string): boolean {
  return lists(limits, 'mcc_blacklist').some((codes) => codes.includes(mcc));
}
