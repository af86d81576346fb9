// Seeds, "Outbound Retry Strategy": after a failed first call, 3 retries up to 5 s apart, then 3 more after
// 15 min, 30 min and 2 h, then the call is dismissed. Delays are in real time, multiplied by SANDBOX_RETRY_SCALE.
export const RETRY_DELAYS_MS = [5_000, 5_000, 5_000, 15 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Delay before attempt `attempts + 1`, or null when the call is to be dismissed. */
export function retryDelayMs(attemptsMade: number, scale: number): number | null {
  const delay = RETRY_DELAYS_MS[attemptsMade - 1];
  return delay === undefined ? null : Math.round(delay * scale);
}

/** Timeouts, connection failures and 5xx are retried; any other answer is final. */
export function isRetryable(status: number | null): boolean {
  return status === null || status >= 500;
}
