import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { db as defaultDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { PrismaClient } from '@/lib/generated/prisma/client';

// Lanes: writes that must never overlap, e.g. every write that changes one card's budget. A change is
// planned from a fresh read of Sparados, so a second change planned while the first is on its way would
// be planned on a stale figure (two "set available to 500" ending at 900). So a lane is held from before
// the fresh read until the write is recorded, and stays busy after that for as long as its write is
// unconfirmed (PENDING or SENT): the reconciler's replay then settles it before anything else is sent.
// The next change waits its turn for a while, then is told the card is busy. Nothing is lost: it was not
// sent, and the same form may be sent again. See docs/decisions/106.

/** A lease older than this was held by a process that died between taking it and writing. */
const STALE_LEASE_MS = 2 * 60_000;
const POLL_MS = 60;
export const DEFAULT_LANE_WAIT_MS = 20_000;

export interface LaneLease {
  readonly lane: string;
  readonly holderKey: string;
}

const held = new WeakSet<LaneLease>();

/** Whether `lease` is a lease this process holds right now (writes in a lane must show one). */
export function holdsLane(lease: unknown, lane: string): lease is LaneLease {
  return typeof lease === 'object' && lease !== null && held.has(lease as LaneLease) && (lease as LaneLease).lane === lane;
}

export function cardLane(cardId: string): string {
  return `card:${cardId}`;
}

type Busy = { kind: 'lease' } | { kind: 'unconfirmed'; since: Date };

async function tryAcquire(db: PrismaClient, lane: string, holderKey: string, ownKeys: readonly string[]): Promise<Busy | null> {
  const now = new Date();
  const inserted = await db.writeLane.createMany({ data: [{ lane, holderKey, acquiredAt: now }], skipDuplicates: true });
  if (inserted.count === 0) {
    const current = await db.writeLane.findUnique({ where: { lane } });
    if (!current || current.acquiredAt.getTime() >= now.getTime() - STALE_LEASE_MS) return { kind: 'lease' };
    const taken = await db.writeLane.updateMany({ where: { lane, holderKey: current.holderKey, acquiredAt: current.acquiredAt }, data: { holderKey, acquiredAt: now } });
    if (taken.count === 0) return { kind: 'lease' };
  }
  // Holding the lease, nobody else starts a write in the lane: one still unconfirmed keeps it busy.
  const unconfirmed = await db.pendingOperation.findFirst({
    where: { lane, status: { in: ['PENDING', 'SENT'] }, idempotencyKey: { notIn: [...ownKeys] } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  if (!unconfirmed) return null;
  await release(db, lane, holderKey);
  return { kind: 'unconfirmed', since: unconfirmed.createdAt };
}

async function release(db: PrismaClient, lane: string, holderKey: string): Promise<void> {
  await db.writeLane.deleteMany({ where: { lane, holderKey } });
}

function busyError(busy: Busy, what: string): AppError {
  return busy.kind === 'unconfirmed'
    ? new AppError(
        'CONFLICT',
        `Another change to ${what}, sent at ${busy.since.toISOString().slice(11, 16)} UTC, is still being confirmed with Sparados. This one was not sent; try again in a minute.`,
        { details: { reason: 'LANE_UNCONFIRMED' } },
      )
    : new AppError('CONFLICT', `Another change to ${what} is in progress. This one was not sent; try again in a moment.`, { details: { reason: 'LANE_BUSY' } });
}

export interface LaneOptions {
  db?: PrismaClient;
  /** How long to wait for the lane before giving up. */
  waitMs?: number;
  /** How the refusal names what is busy ("this card"). */
  what?: string;
  /**
   * Keys of this same intent's own writes (e.g. the edit and the accept of "edit then accept"): one of
   * them still unconfirmed does not keep the intent itself out; it finds and finishes it.
   */
  ownKeys?: readonly string[];
}

/**
 * Runs `work` holding the lane: no other write of the lane is planned or sent meanwhile. Waits its
 * turn (up to `waitMs`), then refuses with CONFLICT and sends nothing. Not re-entrant: a double click
 * of the same intent waits for the first, then finds its outcome (callers look the key up inside).
 */
export async function withLane<T>(lane: string, holderKey: string, work: (lease: LaneLease) => Promise<T>, options: LaneOptions = {}): Promise<T> {
  const db = options.db ?? defaultDb;
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_LANE_WAIT_MS);
  for (;;) {
    const busy = await tryAcquire(db, lane, holderKey, options.ownKeys ?? [holderKey]);
    if (!busy) break;
    if (Date.now() >= deadline) throw busyError(busy, options.what ?? 'this card');
    // Jitter keeps many waiters from polling in lockstep.
    await sleep(POLL_MS + Math.floor(Math.random() * POLL_MS));
  }
  const lease: LaneLease = Object.freeze({ lane, holderKey });
  held.add(lease);
  try {
    return await work(lease);
  } finally {
    held.delete(lease);
    await release(db, lane, holderKey);
  }
}
