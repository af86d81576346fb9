import type { Role } from '@/lib/auth/permissions';

// Four eyes (docs/decisions/101): each role may top up a card by at most its limit alone; a larger
// top-up waits for a different APPROVER or ADMIN. Reductions never wait: they lower exposure. The
// limits are Settings rows in minor units of the account currency. Pure and client-safe.

export const TOPUP_LIMIT_KEYS = {
  OPERATOR: 'topups.operatorLimitMinor',
  APPROVER: 'topups.approverLimitMinor',
  ADMIN: 'topups.adminLimitMinor',
} as const;

export type TopUpRole = keyof typeof TOPUP_LIMIT_KEYS;
export type TopUpLimits = Record<TopUpRole, number>;

export function isTopUpRole(role: Role): role is TopUpRole {
  return role in TOPUP_LIMIT_KEYS;
}

export function topUpLimitsFrom(settings: Readonly<Record<(typeof TOPUP_LIMIT_KEYS)[TopUpRole], number>>): TopUpLimits {
  return {
    OPERATOR: settings[TOPUP_LIMIT_KEYS.OPERATOR],
    APPROVER: settings[TOPUP_LIMIT_KEYS.APPROVER],
    ADMIN: settings[TOPUP_LIMIT_KEYS.ADMIN],
  };
}

/** The most this role may add alone, or null when it may not change budgets at all (VIEWER). */
export function topUpLimitOf(role: Role, limits: TopUpLimits): bigint | null {
  return isTopUpRole(role) ? BigInt(limits[role]) : null;
}

/** Whether a budget change of `deltaMinor` made by `role` must wait for a second approver. */
export function needsSecondApprover(role: Role, deltaMinor: bigint, limits: TopUpLimits): boolean {
  if (deltaMinor <= 0n) return false;
  const limit = topUpLimitOf(role, limits);
  return limit === null || deltaMinor > limit;
}

/** Who may approve a waiting change: someone else than the requester who may decide requests. */
export function mayApprove(approver: { id: string; canDecide: boolean }, requestedById: string): { ok: true } | { ok: false; reason: 'OWN' | 'ROLE' } {
  if (!approver.canDecide) return { ok: false, reason: 'ROLE' };
  if (approver.id === requestedById) return { ok: false, reason: 'OWN' };
  return { ok: true };
}
