import { describe, expect, it } from 'vitest';
import { SparadosError, type SparadosErrorInit } from './errors';
import { DEFAULT_RETRY_POLICY, backoffDelay, canRetry, classifyWriteFailure, shouldRetryRead } from './retry';

const error = (init: Partial<SparadosErrorInit>) => new SparadosError({ kind: 'http', endpoint: 'x', message: 'm', ...init });
const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 10_000 };

describe('backoffDelay', () => {
  it('doubles per failed attempt with half of each step random', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 0)).toBe(200);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
  });

  it('never exceeds the cap and never drops below half of it once capped', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(policy, 10);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });

  it('spreads clients apart (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(DEFAULT_RETRY_POLICY, 2)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('canRetry', () => {
  it('stops at maxAttempts', () => {
    expect(canRetry(policy, 4, 10, 0, 10_000)).toBe(true);
    expect(canRetry(policy, 5, 10, 0, 10_000)).toBe(false);
  });

  it('stops when the backoff would end past the deadline', () => {
    expect(canRetry(policy, 1, 500, 9_000, 10_000)).toBe(true);
    expect(canRetry(policy, 1, 1_000, 9_000, 10_000)).toBe(false);
  });
});

describe('reads', () => {
  it('retry timeouts, connection errors, 5xx and 429 only', () => {
    expect(shouldRetryRead(error({ kind: 'timeout' }))).toBe(true);
    expect(shouldRetryRead(error({ kind: 'network' }))).toBe(true);
    expect(shouldRetryRead(error({ status: 503 }))).toBe(true);
    expect(shouldRetryRead(error({ status: 429 }))).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetryRead(error({ status }))).toBe(false);
    for (const kind of ['tls', 'invalid_response', 'invalid_request', 'cancelled', 'deadline'] as const) {
      expect(shouldRetryRead(error({ kind }))).toBe(false);
    }
  });
});

describe('writes', () => {
  it('fail on definite answers', () => {
    for (const status of [400, 404, 409, 422]) expect(classifyWriteFailure(error({ status }))).toBe('fail');
    expect(classifyWriteFailure(error({ kind: 'tls', sent: false }))).toBe('fail');
    expect(classifyWriteFailure(error({ kind: 'cancelled' }))).toBe('fail');
  });

  it('resend at once only what never reached Sparados (or was refused before processing)', () => {
    expect(classifyWriteFailure(error({ kind: 'network', sent: false }))).toBe('resend');
    expect(classifyWriteFailure(error({ status: 429 }))).toBe('resend');
  });

  it('verify by reading when the outcome is unknown: timeout after sending, reset, 5xx', () => {
    expect(classifyWriteFailure(error({ kind: 'timeout' }))).toBe('verify');
    expect(classifyWriteFailure(error({ kind: 'network', sent: true }))).toBe('verify');
    expect(classifyWriteFailure(error({ status: 500 }))).toBe('verify');
    expect(classifyWriteFailure(error({ status: 503 }))).toBe('verify');
  });
});
