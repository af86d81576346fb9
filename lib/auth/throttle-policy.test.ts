import { describe, expect, it } from 'vitest';
import { IP_FAILURE_FACTOR, afterFailure, isLocked, limitsForKey, minutesLeft, type ThrottleState } from './throttle-policy';

const limits = { maxFailures: 3, lockMinutes: 15 };
const t0 = new Date('2026-11-21T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fail(times: number, start: ThrottleState | null = null, when = t0): ThrottleState | null {
  let state = start;
  for (let i = 0; i < times; i += 1) state = afterFailure(state, when, limits);
  return state;
}

describe('login throttle policy', () => {
  it('counts failures below the limit without locking', () => {
    const state = fail(2);
    expect(state).toMatchObject({ failures: 2, lockedUntil: null });
    expect(isLocked(state, t0)).toBe(false);
  });

  it('locks for lockMinutes when the limit is reached', () => {
    const state = fail(3);
    expect(state?.lockedUntil?.toISOString()).toBe(at(15).toISOString());
    expect(isLocked(state, at(14.9))).toBe(true);
    expect(isLocked(state, at(15))).toBe(false);
  });

  it('rounds the minutes left up', () => {
    const state = fail(3);
    expect(minutesLeft(state, t0)).toBe(15);
    expect(minutesLeft(state, at(14.5))).toBe(1);
    expect(minutesLeft(state, at(16))).toBe(0);
  });

  it('ignores failures while locked', () => {
    const locked = fail(3)!;
    expect(afterFailure(locked, at(1), limits)).toBe(locked);
  });

  it('starts a new count after the lock or after the window passes', () => {
    const afterLock = afterFailure(fail(3), at(16), limits);
    expect(afterLock).toMatchObject({ failures: 1, lockedUntil: null });

    const old = fail(2);
    expect(afterFailure(old, at(15), limits)).toMatchObject({ failures: 1, windowStart: at(15) });
    expect(afterFailure(old, at(14), limits)).toMatchObject({ failures: 3 });
  });

  it('allows more failures per IP address than per e-mail', () => {
    expect(limitsForKey('email:a@b.test', limits).maxFailures).toBe(3);
    expect(limitsForKey('ip:127.0.0.1', limits).maxFailures).toBe(3 * IP_FAILURE_FACTOR);
  });
});
