import 'server-only';
import { db as defaultDb } from '@/lib/db';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { getEnv } from '@/lib/env';
import { getSparadosClient, isSparadosError, type SparadosClient } from '@/lib/sparados';
import { linkUnlinkedTransactions, saveTransactions, toMirrorRow, type MirrorResult } from './mirror';

// Events lost after Sparados's last retry still arrive (issue 7 item 2): the worker pages through the
// THC list by creation date from a cursor kept in Setting, in windows from the oldest to now, saving
// the cursor after each window so a long resync resumes where it stopped. The list filters on
// creation date, so a transaction created long ago and settled later is caught by the second pass:
// every AUTHORIZED row not refreshed for a while is read again by id. See docs/decisions/083.

export const RECONCILE_CURSOR_KEY = 'transactions.reconcile.cursor';
export const RECONCILE_LAST_KEY = 'transactions.reconcile.last';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 500;
/** Without a cursor yet, the first pass reaches this far back. */
const FIRST_PASS_DAYS = 30;
/** AUTHORIZED rows older than this since their last reading are read again, this many per pass. */
const STALE_AFTER_MS = 10 * 60_000;
const STALE_PER_PASS = 200;
/** Processed inbox rows are kept this long for the health panel and support, then pruned. */
const INBOX_RETENTION_DAYS = 30;

export interface ReconcileOptions {
  client?: SparadosClient;
  db?: PrismaClient;
  /** Start from this instant instead of the cursor (the "resync from date" action). */
  from?: Date;
  overlapMs?: number;
  windowMs?: number;
  /** Stop opening new windows after this long; the cursor keeps the progress. */
  maxMs?: number;
  now?: () => Date;
  signal?: AbortSignal;
}

export interface ReconcileReport {
  from: string;
  cursor: string;
  windows: number;
  listed: number;
  saved: MirrorResult;
  refreshed: number;
  /** Pending rows that could not be read again (other than 404), retried on later passes. */
  refreshFailures: number;
  linked: number;
  complete: boolean;
  ms: number;
}

async function readInstant(db: PrismaClient, key: string): Promise<{ raw: Prisma.JsonValue; at: Date } | null> {
  const row = await db.setting.findUnique({ where: { key } });
  const at = row && typeof row.value === 'object' && row.value !== null && 'at' in row.value ? new Date(String(row.value.at)) : null;
  return row && at && !Number.isNaN(at.getTime()) ? { raw: row.value, at } : null;
}

/**
 * Moves the cursor only if nobody moved it since we read it: a resync that set it back while this
 * pass ran wins over the pass.
 */
async function advanceCursor(db: PrismaClient, seen: Prisma.JsonValue | null, at: Date): Promise<boolean> {
  const value = { at: at.toISOString() };
  if (seen === null) {
    const created = await db.$executeRaw`
      INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${RECONCILE_CURSOR_KEY}, ${JSON.stringify(value)}::jsonb, now())
      ON CONFLICT ("key") DO NOTHING`;
    return created === 1;
  }
  const updated = await db.$executeRaw`
    UPDATE "Setting" SET "value" = ${JSON.stringify(value)}::jsonb, "updatedAt" = now()
    WHERE "key" = ${RECONCILE_CURSOR_KEY} AND "value" = ${JSON.stringify(seen)}::jsonb`;
  return updated === 1;
}

/** Sets the cursor back (or forward) to `from`; the next reconcile pass starts there. */
export async function setReconcileCursor(from: Date, db: PrismaClient = defaultDb): Promise<void> {
  const value = { at: from.toISOString() };
  await db.setting.upsert({ where: { key: RECONCILE_CURSOR_KEY }, create: { key: RECONCILE_CURSOR_KEY, value }, update: { value } });
}

async function listWindow(client: SparadosClient, db: PrismaClient, from: Date, to: Date | null, signal?: AbortSignal) {
  let listed = 0;
  const saved: MirrorResult = { inserted: 0, updated: 0, ignored: 0 };
  // Newest first with page numbers: a transaction created meanwhile pushes the rest one place down,
  // so a page may repeat a row but never skips one; `to` (fixed) keeps closed windows stable.
  for (let page = 0; ; page++) {
    const result = await client.listTransactions(
      { page, size: PAGE_SIZE, dateFrom: from.toISOString(), ...(to ? { dateTo: to.toISOString() } : {}) },
      { signal },
    );
    listed += result.items.length;
    if (result.items.length) {
      const part = await saveTransactions(result.items.map(toMirrorRow), db);
      saved.inserted += part.inserted;
      saved.updated += part.updated;
      saved.ignored += part.ignored;
    }
    if (result.items.length < PAGE_SIZE || page + 1 >= result.totalPages) break;
  }
  return { listed, saved };
}

async function refreshStale(client: SparadosClient, db: PrismaClient, now: Date, signal?: AbortSignal): Promise<{ refreshed: number; failures: number }> {
  const stale = await db.transaction.findMany({
    where: { status: 'AUTHORIZED', syncedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
    orderBy: { syncedAt: 'asc' },
    take: STALE_PER_PASS,
    select: { id: true, sparadosId: true, type: true },
  });
  const readings = [];
  const unread: string[] = [];
  let failures = 0;
  for (const row of stale) {
    if (signal?.aborted) break;
    try {
      readings.push(toMirrorRow(await client.getTransaction(row.sparadosId, row.type, { signal })));
    } catch (error) {
      if (!(isSparadosError(error) && error.status === 404)) failures++;
      unread.push(row.id);
    }
  }
  if (readings.length) await saveTransactions(readings, db);
  // Gone upstream or unreadable now: left as it is, moved to the back of the queue so one bad row
  // cannot keep the others from being read.
  if (unread.length) await db.transaction.updateMany({ where: { id: { in: unread } }, data: { syncedAt: now } });
  return { refreshed: readings.length, failures };
}

export async function reconcileTransactions(options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const started = performance.now();
  const db = options.db ?? defaultDb;
  const client = options.client ?? getSparadosClient();
  const now = options.now ?? (() => new Date());
  const overlapMs = options.overlapMs ?? getEnv().TRANSACTIONS_RECONCILE_OVERLAP_MINUTES * 60_000;
  const windowMs = options.windowMs ?? DAY_MS;
  const maxMs = options.maxMs ?? 50_000;

  const cursor = await readInstant(db, RECONCILE_CURSOR_KEY);
  let seen = cursor?.raw ?? null;
  const passStart = now();
  const from = options.from ?? (cursor ? new Date(cursor.at.getTime() - overlapMs) : new Date(passStart.getTime() - FIRST_PASS_DAYS * DAY_MS));
  const report: ReconcileReport = {
    from: from.toISOString(),
    cursor: (cursor?.at ?? from).toISOString(),
    windows: 0,
    listed: 0,
    saved: { inserted: 0, updated: 0, ignored: 0 },
    refreshed: 0,
    refreshFailures: 0,
    linked: 0,
    complete: false,
    ms: 0,
  };

  let windowStart = from;
  while (!options.signal?.aborted) {
    // The last window has no end: it also takes what a moved sandbox clock dated in the future.
    const end = windowStart.getTime() + windowMs < passStart.getTime() ? new Date(windowStart.getTime() + windowMs) : null;
    const part = await listWindow(client, db, windowStart, end, options.signal);
    report.windows++;
    report.listed += part.listed;
    report.saved.inserted += part.saved.inserted;
    report.saved.updated += part.saved.updated;
    report.saved.ignored += part.saved.ignored;
    const reached = end ?? passStart;
    if (!(await advanceCursor(db, seen, reached))) break; // a resync moved the cursor: it runs next
    seen = { at: reached.toISOString() };
    report.cursor = reached.toISOString();
    if (!end) {
      report.complete = true;
      break;
    }
    windowStart = end;
    if (performance.now() - started > maxMs) break;
  }

  const stale = await refreshStale(client, db, passStart, options.signal);
  report.refreshed = stale.refreshed;
  report.refreshFailures = stale.failures;
  report.linked = await linkUnlinkedTransactions(db);
  await db.$executeRaw`
    DELETE FROM "WebhookInbox" WHERE "id" IN (
      SELECT "id" FROM "WebhookInbox" WHERE "processedAt" < now() - make_interval(days => ${INBOX_RETENTION_DAYS}::int) LIMIT 5000)`;
  report.ms = Math.round(performance.now() - started);
  const last = { at: new Date().toISOString(), ...report, saved: { ...report.saved } };
  await db.setting.upsert({ where: { key: RECONCILE_LAST_KEY }, create: { key: RECONCILE_LAST_KEY, value: last }, update: { value: last } });
  return report;
}

/** Records a pass that threw, so the health panel shows the failure. */
export async function recordReconcileFailure(error: unknown, db: PrismaClient = defaultDb): Promise<void> {
  const value = { at: new Date().toISOString(), error: error instanceof Error ? error.message.slice(0, 500) : String(error) };
  await db.setting.upsert({ where: { key: RECONCILE_LAST_KEY }, create: { key: RECONCILE_LAST_KEY, value }, update: { value } });
}
