import 'server-only';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import {
  afterFailure,
  afterRelease,
  isLocked,
  limitsForKey,
  minutesLeft,
  reserveAttempt,
  type ThrottleLimits,
  type ThrottleState,
} from './throttle-policy';

// Counters live in PostgreSQL so every app instance sees the same ones. An attempt takes a slot on
// every key under FOR UPDATE before its password is checked (throttle-policy.ts): parallel guesses
// cannot all be verified before the first failure is counted. See docs/decisions/052-login-throttling.md.

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

type Tx = Prisma.TransactionClient;

// Many guesses at once queue on the same rows; each transaction is short, but give the queue room.
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/** Locks the keys' rows (in one order, so two attempts never deadlock), creating missing ones if asked. */
async function lockRows(tx: Tx, keys: string[], now: Date, create: boolean): Promise<Map<string, ThrottleState>> {
  const rows = new Map<string, ThrottleState>();
  for (const key of [...new Set(keys)].sort()) {
    if (create) {
      await tx.$executeRaw`
        INSERT INTO "LoginThrottle" ("key", "failures", "pending", "windowStart", "updatedAt")
        VALUES (${key}, 0, 0, ${now}, ${now})
        ON CONFLICT ("key") DO NOTHING`;
    }
    const [row] = await tx.$queryRaw<ThrottleState[]>`
      SELECT "failures", "pending", "windowStart", "lockedUntil" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`;
    if (row) rows.set(key, row);
  }
  return rows;
}

// updatedAt follows the caller's clock, like every other time here, so stale-row cleanup agrees with it.
function save(tx: Tx, key: string, state: ThrottleState, now: Date) {
  return tx.loginThrottle.update({ where: { key }, data: { ...state, updatedAt: now } });
}

/**
 * Takes a slot on every key for one attempt, before its password is checked: all keys or none.
 * `locked: true` means refused (a key is locked or all its slots are in flight); nothing was taken.
 */
export async function reserveLoginAttempt(
  db: PrismaClient,
  keys: string[],
  limits: ThrottleLimits,
  now: Date = new Date(),
): Promise<LockStatus> {
  return db.$transaction(async (tx) => {
    const rows = await lockRows(tx, keys, now, true);
    const decisions = [...rows].map(([key, state]) => ({ key, decision: reserveAttempt(state, now, limitsForKey(key, limits)) }));
    const refusals = decisions.flatMap(({ decision }) => (decision.allowed ? [] : [decision.minutes]));
    if (refusals.length > 0) return { locked: true, minutes: Math.max(...refusals) };
    for (const { key, decision } of decisions) if (decision.allowed) await save(tx, key, decision.next, now);
    return { locked: false, minutes: 0 };
  }, TX_OPTIONS);
}

/** A reserved attempt had the wrong password: counts it against every key; tells whether the keys are now locked. */
export async function recordLoginFailure(
  db: PrismaClient,
  keys: string[],
  limits: ThrottleLimits,
  now: Date = new Date(),
): Promise<LockStatus> {
  const states = await db.$transaction(async (tx) => {
    const rows = await lockRows(tx, keys, now, true);
    const next: ThrottleState[] = [];
    for (const [key, state] of rows) {
      const after = afterFailure(state, now, limitsForKey(key, limits));
      await save(tx, key, after, now);
      next.push(after);
    }
    return next;
  }, TX_OPTIONS);
  // Unknown e-mails leave rows behind; drop the ones nobody has touched for a day.
  await db.loginThrottle.deleteMany({
    where: {
      updatedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
  });
  return combine(states, now);
}

/**
 * A reserved attempt ended without a wrong password. After a successful sign-in the e-mail's counter
 * is cleared; every other key (the address) only gets its slot back, its failures keep counting
 * (decision 052). A row left with nothing in it is deleted.
 */
export async function releaseLoginAttempt(
  db: PrismaClient,
  keys: string[],
  options: { signedIn: boolean; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  await db.$transaction(async (tx) => {
    const rows = await lockRows(tx, keys, now, false);
    for (const [key, state] of rows) {
      const after = afterRelease(state);
      const empty = after.failures === 0 && after.pending === 0 && after.lockedUntil === null;
      if ((options.signedIn && key.startsWith('email:')) || empty) await tx.loginThrottle.delete({ where: { key } });
      else await save(tx, key, after, now);
    }
  }, TX_OPTIONS);
}
