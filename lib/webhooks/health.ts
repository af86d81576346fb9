import 'server-only';
import { db as defaultDb } from '@/lib/db';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { RECONCILE_CURSOR_KEY, RECONCILE_LAST_KEY } from './reconcile';

// Sync health for the Settings page (issue 7 item 2): is Sparados reaching us, is the worker keeping
// up, what failed, and when the reconcile last ran. Read-only and cheap (indexed counts).

export interface LastReconcile {
  at: string;
  complete?: boolean;
  listed?: number;
  saved?: { inserted: number; updated: number; ignored: number };
  refreshed?: number;
  ms?: number;
  error?: string;
}

export interface SyncHealth {
  /** When this was read: "ago" texts count from here, so server and browser render the same words. */
  readAt: Date;
  /** When the listener last stored an event. */
  lastEventAt: Date | null;
  /** Events stored but not processed yet. */
  backlog: number;
  /** How long the oldest of them has waited (0 with no backlog): the worker's lag. */
  lagSeconds: number;
  /** Waiting for another attempt after an error. */
  retrying: number;
  /** Given up after every attempt, in the last 7 days. */
  failed: number;
  recentErrors: Array<{ at: Date; kind: string; error: string; attempts: number }>;
  lastReconcile: LastReconcile | null;
  /** Transactions listed up to here (minus the overlap) on the next reconcile pass. */
  cursor: Date | null;
}

export async function getSyncHealth(db: PrismaClient = defaultDb): Promise<SyncHealth> {
  const [counts] = await db.$queryRaw<Array<{ lastEventAt: Date | null; backlog: bigint; oldest: Date | null; retrying: bigint; failed: bigint }>>`
    SELECT
      (SELECT max("receivedAt") FROM "WebhookInbox") AS "lastEventAt",
      count(*) FILTER (WHERE "processedAt" IS NULL) AS "backlog",
      min("receivedAt") FILTER (WHERE "processedAt" IS NULL) AS "oldest",
      count(*) FILTER (WHERE "processedAt" IS NULL AND "error" IS NOT NULL) AS "retrying",
      count(*) FILTER (WHERE "processedAt" > now() - interval '7 days' AND "error" IS NOT NULL) AS "failed"
    FROM "WebhookInbox"
    WHERE "processedAt" IS NULL OR ("processedAt" > now() - interval '7 days' AND "error" IS NOT NULL)`;
  const weekAgo = new Date(Date.now() - 7 * 86_400_000);
  const [recentErrors, settings] = await Promise.all([
    db.webhookInbox.findMany({
      // The same rows as the counts above (index on processedAt), never a scan of the whole inbox.
      where: { error: { not: null }, OR: [{ processedAt: null }, { processedAt: { gt: weekAgo } }] },
      orderBy: { id: 'desc' },
      take: 5,
      select: { receivedAt: true, kind: true, error: true, attempts: true },
    }),
    db.setting.findMany({ where: { key: { in: [RECONCILE_LAST_KEY, RECONCILE_CURSOR_KEY] } } }),
  ]);
  const setting = (key: string) => settings.find((s) => s.key === key)?.value as Record<string, unknown> | undefined;
  const cursorAt = setting(RECONCILE_CURSOR_KEY)?.at;
  const oldest = counts?.oldest ?? null;
  return {
    readAt: new Date(),
    lastEventAt: counts?.lastEventAt ?? null,
    backlog: Number(counts?.backlog ?? 0),
    lagSeconds: oldest ? Math.max(0, Math.round((Date.now() - oldest.getTime()) / 1000)) : 0,
    retrying: Number(counts?.retrying ?? 0),
    failed: Number(counts?.failed ?? 0),
    recentErrors: recentErrors.map((e) => ({ at: e.receivedAt, kind: e.kind, error: e.error ?? '', attempts: e.attempts })),
    lastReconcile: (setting(RECONCILE_LAST_KEY) as LastReconcile | undefined) ?? null,
    cursor: typeof cursorAt === 'string' ? new Date(cursorAt) : null,
  };
}
