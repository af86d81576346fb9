import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { afterFailure, isLocked, limitsForKey, minutesLeft, type ThrottleLimits, type ThrottleState } from './throttle-policy';

// Counters live in PostgreSQL so every app instance sees the same ones. Each failure updates its
// row under FOR UPDATE: parallel guesses cannot slip past the limit by racing each other.

export type { ThrottleLimits } from './throttle-policy';

export interface LockStatus {
  locked: boolean;
  /** Whole minutes until the longest lock among the keys ends (0 when not locked). */
  minutes: number;
}

const STALE_AFTER_MS = 24 * 60 * 60_000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${normalizeEmail(email)}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

function combine(states: (ThrottleState | null)[], now: Date): LockStatus {
  const minutes = Math.max(0, ...states.map((state) => (isLocked(state, now) ? minutesLeft(state, now) : 0)));
  return { locked: minutes > 0, minutes };
}

export async function loginLockStatus(db: PrismaClient, keys: string[], now: Date = new Date()): Promise<LockStatus> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  return combine(rows, now);
}

/** Counts one failed attempt against every key; tells whether the keys are now locked. */
export async function recordLoginFailure(
  db: PrismaClient,
  keys: string[],
  limits: ThrottleLimits,
  now: Date = new Date(),
): Promise<LockStatus> {
  const states: ThrottleState[] = [];
  for (const key of keys) {
    states.push(
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`
          INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "updatedAt")
          VALUES (${key}, 0, ${now}, ${now})
          ON CONFLICT ("key") DO NOTHING`;
        const [current] = await tx.$queryRaw<ThrottleState[]>`
          SELECT "failures", "windowStart", "lockedUntil" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`;
        const next = afterFailure(current ?? null, now, limitsForKey(key, limits));
        // updatedAt follows the caller's clock, like every other time here, so stale-row cleanup agrees with it.
        await tx.loginThrottle.update({ where: { key }, data: { ...next, updatedAt: now } });
        return next;
      }),
    );
  }
  // Unknown e-mails leave rows behind; drop the ones nobody has touched for a day.
  await db.loginThrottle.deleteMany({
    where: {
      updatedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
  });
  return combine(states, now);
}

/** A successful sign-in clears the e-mail's counter; the IP counter keeps running (see decision 052). */
export async function clearLoginFailures(db: PrismaClient, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `email:${normalizeEmail(email)}` } });
}
