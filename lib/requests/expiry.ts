// When an unanswered change request expires, and how that reads. Sparados expires a CREATED
// reapproval some hours after the cardholder asked; how many is a setting of the environment
// (lib/env.ts), unknown unless configured. Pure and client-safe.

const HOUR_MS = 3_600_000;

export function expiresAt(askedAt: Date, expiryHours: number | null): Date | null {
  return expiryHours === null ? null : new Date(askedAt.getTime() + expiryHours * HOUR_MS);
}

/** "expires in 2 d 5 h", "expires in 40 min", "expired" or "expiry unknown". */
export function timeLeftText(expires: string | null, now: Date): string {
  if (expires === null) return 'expiry unknown';
  const ms = Date.parse(expires) - now.getTime();
  if (ms <= 0) return 'expired (Sparados will mark it soon)';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `expires in ${days} d ${hours} h`;
  if (hours > 0) return `expires in ${hours} h ${minutes % 60} min`;
  return `expires in ${Math.max(1, minutes)} min`;
}

/** Less than this left: the inbox shows the request as urgent. */
export const URGENT_MS = 12 * HOUR_MS;

export function isUrgent(expires: string | null, now: Date): boolean {
  return expires !== null && Date.parse(expires) - now.getTime() < URGENT_MS;
}
