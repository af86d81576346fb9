// Sign-in throttling as pure rules; throttle.ts applies them to LoginThrottle rows under a row lock.
// See docs/decisions/052-login-throttling.md.

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export interface ThrottleLimits {
  maxFailures: number;
  lockMinutes: number;
}

/**
 * One office behind one NAT address shares an IP key; a handful of colleagues' typos must not lock
 * them all out, while one machine spraying many e-mails is still stopped.
 */
export const IP_FAILURE_FACTOR = 4;

export function limitsForKey(key: string, limits: ThrottleLimits): ThrottleLimits {
  return key.startsWith('ip:') ? { ...limits, maxFailures: limits.maxFailures * IP_FAILURE_FACTOR } : limits;
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil.getTime() > now.getTime());
}

/** Whole minutes left on a lock, rounded up so "try again in 1 minute" is never too early. */
export function minutesLeft(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

/**
 * The state after one more failed attempt. Failures count within a window as long as the lock;
 * reaching the limit locks the key for lockMinutes. A failure while locked changes nothing (the
 * attempt was refused before the password was checked).
 */
export function afterFailure(state: ThrottleState | null, now: Date, limits: ThrottleLimits): ThrottleState {
  if (state && isLocked(state, now)) return state;
  const windowMs = limits.lockMinutes * 60_000;
  const fresh = !state || state.lockedUntil !== null || now.getTime() - state.windowStart.getTime() >= windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  const lockedUntil = failures >= limits.maxFailures ? new Date(now.getTime() + windowMs) : null;
  return { failures, windowStart, lockedUntil };
}
