import type { SparadosError } from './errors';

// Retry policy as data plus pure decisions, so the rules are tested without a network.
// The loops that apply them are in call.ts. See docs/decisions/040-sparados-retries.md.

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff before attempt n+1 is drawn from [base·2^(n-1)/2, base·2^(n-1)], capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Wall-clock budget for the whole call including retries and verification reads. */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 3_000,
  deadlineMs: 30_000,
};

/**
 * "Equal jitter": half the exponential step is fixed, half random. Pure jitter can pick ~0 ms and
 * hammer a struggling server; no jitter makes many clients retry in lockstep.
 */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1);
  const step = Math.min(policy.maxDelayMs, exponential);
  return Math.round(step / 2 + random() * (step / 2));
}

/** Reads are safe to repeat: retry every transient failure. */
export function shouldRetryRead(error: SparadosError): boolean {
  return error.isTransient;
}

/**
 * What to do after a write attempt failed:
 * - `fail`: Sparados gave a definite answer (4xx) or the failure is not transient;
 * - `resend`: the request never left (connection refused): resend with the same key;
 * - `verify`: it may have been applied (timeout after sending, connection reset, 5xx): read first.
 */
export type WriteFailureAction = 'fail' | 'resend' | 'verify';

export function classifyWriteFailure(error: SparadosError): WriteFailureAction {
  if (!error.isTransient) return 'fail';
  if (error.kind === 'http' && error.status === 429) return 'resend';
  if (!error.sent) return 'resend';
  return 'verify';
}

/** Whether another attempt fits: within maxAttempts and the backoff ends before the deadline. */
export function canRetry(policy: RetryPolicy, attempt: number, delayMs: number, now: number, deadline: number): boolean {
  return attempt < policy.maxAttempts && now + delayMs < deadline;
}
