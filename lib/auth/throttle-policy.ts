// Sign-in throttling as pure rules; throttle.ts applies them to LoginThrottle rows under a row lock.
// See docs/decisions/052-login-throttling.md.

export interface ThrottleState {
  /** Wrong passwords within the window. */
  failures: number;
  /** Attempts that hold a slot and are still having their password verified. */
  pending: number;
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

/** The state a new attempt meets: after a lock ends or the window passes, counting starts over. */
export function currentState(state: ThrottleState | null, now: Date, limits: ThrottleLimits): ThrottleState {
  if (state && isLocked(state, now)) return state;
  const windowMs = limits.lockMinutes * 60_000;
  const lapsed = !state || state.lockedUntil !== null || now.getTime() - state.windowStart.getTime() >= windowMs;
  return lapsed ? { failures: 0, pending: 0, windowStart: now, lockedUntil: null } : state;
}

export type Reservation = { allowed: true; next: ThrottleState } | { allowed: false; minutes: number };

/**
 * Takes a slot for one attempt before its password is checked. Slots in flight count like failures,
 * so however many guesses arrive at once, at most maxFailures of them are ever verified per window.
 * A locked key refuses, and so does a key whose slots are all taken by attempts still in flight
 * (they will lock it for lockMinutes if they all fail).
 */
export function reserveAttempt(state: ThrottleState | null, now: Date, limits: ThrottleLimits): Reservation {
  const current = currentState(state, now, limits);
  if (isLocked(current, now)) return { allowed: false, minutes: minutesLeft(current, now) };
  if (current.failures + current.pending >= limits.maxFailures) return { allowed: false, minutes: limits.lockMinutes };
  return { allowed: true, next: { ...current, pending: current.pending + 1 } };
}

/**
 * A reserved attempt had the wrong password: its slot becomes a failure, and the failure that reaches
 * the limit locks the key for lockMinutes (counted from that failure).
 */
export function afterFailure(state: ThrottleState | null, now: Date, limits: ThrottleLimits): ThrottleState {
  const current = currentState(state, now, limits);
  const pending = Math.max(0, current.pending - 1);
  if (isLocked(current, now)) return { ...current, pending };
  const failures = current.failures + 1;
  const lockedUntil = failures >= limits.maxFailures ? new Date(now.getTime() + limits.lockMinutes * 60_000) : null;
  return { failures, pending, windowStart: current.windowStart, lockedUntil };
}

/** A reserved attempt ended without a wrong password (right password, inactive user): its slot is freed. */
export function afterRelease(state: ThrottleState): ThrottleState {
  return { ...state, pending: Math.max(0, state.pending - 1) };
}
