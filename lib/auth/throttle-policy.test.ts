import { describe, expect, it } from 'vitest';
import {
  IP_FAILURE_FACTOR,
  afterFailure,
  afterRelease,
  isLocked,
  limitsForKey,
  minutesLeft,
  reserveAttempt,
  type ThrottleState,
} from './throttle-policy';

const limits = { maxFailures: 3, lockMinutes: 15 };
const t0 = new Date('2026-11-21T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function reserve(state: ThrottleState | null, when = t0): ThrottleState {
  const reservation = reserveAttempt(state, when, limits);
  if (!reservation.allowed) throw new Error('refused');
  return reservation.next;
}

/** Attempts one after another, each taking its slot and then failing. */
function fail(times: number, start: ThrottleState | null = null, when = t0): ThrottleState | null {
  let state = start;
  for (let i = 0; i < times; i += 1) state = afterFailure(reserve(state, when), when, limits);
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

  it('refuses a new attempt while locked, with the minutes left', () => {
    expect(reserveAttempt(fail(3), at(5), limits)).toEqual({ allowed: false, minutes: 10 });
  });

  it('gives at most maxFailures slots to attempts in flight at once', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 3; i += 1) state = reserve(state);
    expect(state).toMatchObject({ failures: 0, pending: 3, lockedUntil: null });
    // The fourth guess is refused before its password is checked, although nothing is locked yet.
    expect(reserveAttempt(state, t0, limits)).toEqual({ allowed: false, minutes: 15 });

    // Two fail, the third was right: the key ends with two failures and its slots free again.
    state = afterFailure(afterFailure(state, t0, limits), t0, limits);
    state = afterRelease(state);
    expect(state).toMatchObject({ failures: 2, pending: 0, lockedUntil: null });
    expect(reserveAttempt(state, t0, limits)).toMatchObject({ allowed: true });
  });

  it('locks when the failure reaching the limit comes in, whatever was in flight', () => {
    let state: ThrottleState | null = fail(2);
    state = reserve(state);
    state = afterFailure(state, at(1), limits);
    expect(state).toMatchObject({ failures: 3, pending: 0 });
    expect(state.lockedUntil?.toISOString()).toBe(at(16).toISOString());
  });

  it('only frees the slot of an attempt that fails after someone else locked the key', () => {
    const locked = fail(3)!;
    const inFlight = { ...locked, pending: 1 };
    expect(afterFailure(inFlight, at(1), limits)).toEqual({ ...locked, pending: 0 });
  });

  it('starts over when the window passes, dropping slots of attempts that never finished', () => {
    const stuck = reserve(reserve(null));
    expect(reserveAttempt(stuck, at(15), limits)).toEqual({
      allowed: true,
      next: { failures: 0, pending: 1, windowStart: at(15), lockedUntil: null },
    });
    expect(afterRelease({ ...stuck, pending: 0 }).pending).toBe(0);
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
