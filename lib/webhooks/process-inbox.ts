import 'server-only';
import { db as defaultDb } from '@/lib/db';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { getNotifier, type Notifier } from '@/lib/notify';
import { getSparadosClient, isSparadosError, type SparadosClient } from '@/lib/sparados';
import { webhookSealKey } from './config';
import type { ClaimedInboxRow } from './inbox-row';
import { saveTransactions, toMirrorRow, type MirrorResult, type MirrorRow } from './mirror';
import { deliverCode, type CodeOutcome } from './deliver-code';

// The worker's half of receiving events: claims inbox rows (SKIP LOCKED, so any number of workers can
// drain together), fetches each transaction from THC, saves the batch in one statement, delivers
// one-time codes, and marks the rows done. A failure puts the row back with a growing delay.

export interface DrainOptions {
  client?: SparadosClient;
  db?: PrismaClient;
  notifier?: Notifier;
  sealKey?: Buffer;
  /** Rows claimed at a time. */
  batchSize?: number;
  /** THC reads in flight at once. */
  concurrency?: number;
  /** Stop claiming new batches after this long (the recurring job picks up the rest). */
  maxMs?: number;
  signal?: AbortSignal;
}

export interface DrainReport {
  claimed: number;
  done: number;
  failed: number;
  transactions: MirrorResult;
  codes: number;
  ms: number;
}

type Claimed = ClaimedInboxRow;

/** A row whose processing takes longer than this is handed to another worker. */
const LEASE_SECONDS = 120;
/** After this many attempts the row is given up (kept, with its error, for the sync health panel). */
export const MAX_ATTEMPTS = 12;

function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** attempts, 3_600);
}

async function claim(db: PrismaClient, limit: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    WITH next AS (
      SELECT "id" FROM "WebhookInbox"
      WHERE "processedAt" IS NULL AND "nextAttemptAt" <= now()
      ORDER BY "id" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "WebhookInbox" w
    SET "attempts" = w."attempts" + 1, "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
    FROM next WHERE w."id" = next."id"
    RETURNING w."id", w."kind", w."payload", w."sealedSecret", w."attempts", w."receivedAt"`;
}

async function markDone(db: PrismaClient, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  await db.$executeRaw`
    UPDATE "WebhookInbox" SET "processedAt" = now(), "error" = NULL, "sealedSecret" = NULL
    WHERE "id" = ANY(${ids.map(String)}::bigint[])`;
}

async function markFailed(db: PrismaClient, failures: Array<{ row: Claimed; error: string }>): Promise<void> {
  if (failures.length === 0) return;
  const ids = failures.map((f) => String(f.row.id));
  const errors = failures.map((f) => f.error.slice(0, 500));
  const delays = failures.map((f) => retryDelaySeconds(f.row.attempts));
  const giveUp = failures.map((f) => f.row.attempts >= MAX_ATTEMPTS);
  // A given-up row is marked processed (nothing picks it again) and keeps its error; its code, if any, is dropped.
  await db.$executeRaw`
    UPDATE "WebhookInbox" w SET
      "error" = f.error,
      "nextAttemptAt" = now() + make_interval(secs => f.delay),
      "processedAt" = CASE WHEN f.give_up THEN now() ELSE NULL END,
      "sealedSecret" = CASE WHEN f.give_up THEN NULL ELSE w."sealedSecret" END
    FROM unnest(${ids}::bigint[], ${errors}::text[], ${delays}::int[], ${giveUp}::boolean[]) AS f(id, error, delay, give_up)
    WHERE w."id" = f.id`;
}

function describe(error: unknown): string {
  if (isSparadosError(error)) return `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

async function processTransactions(rows: Claimed[], client: SparadosClient, db: PrismaClient, concurrency: number, signal?: AbortSignal) {
  // Several events of one transaction in a batch need one read: THC answers with its current state.
  const byKey = new Map<string, { id: string; type: string; rows: Claimed[] }>();
  for (const row of rows) {
    const id = String(row.payload.transactionId);
    const type = String(row.payload.type);
    const key = `${id}\0${type}`;
    const entry = byKey.get(key) ?? { id, type, rows: [] };
    entry.rows.push(row);
    byKey.set(key, entry);
  }
  const readings: MirrorRow[] = [];
  const done: Claimed[] = [];
  const failed: Array<{ row: Claimed; error: string }> = [];
  await pool([...byKey.values()], concurrency, async (entry) => {
    try {
      const transaction = await client.getTransaction(entry.id, entry.type, { signal });
      readings.push(toMirrorRow(transaction));
      done.push(...entry.rows);
    } catch (error) {
      const message = describe(error);
      for (const row of entry.rows) failed.push({ row, error: message });
    }
  });
  const result = readings.length ? await saveTransactions(readings, db) : { inserted: 0, updated: 0, ignored: 0 };
  return { done, failed, result };
}

export async function drainInbox(options: DrainOptions = {}): Promise<DrainReport> {
  const started = performance.now();
  const db = options.db ?? defaultDb;
  const client = options.client ?? getSparadosClient();
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 16;
  const maxMs = options.maxMs ?? 20_000;
  const report: DrainReport = { claimed: 0, done: 0, failed: 0, transactions: { inserted: 0, updated: 0, ignored: 0 }, codes: 0, ms: 0 };

  while (!options.signal?.aborted && performance.now() - started < maxMs) {
    const rows = await claim(db, batchSize);
    if (rows.length === 0) break;
    report.claimed += rows.length;

    const transactions = rows.filter((r) => r.kind === 'TRANSACTION');
    const codes = rows.filter((r) => r.kind !== 'TRANSACTION');
    const outcome = await processTransactions(transactions, client, db, concurrency, options.signal);
    const done = outcome.done.map((r) => r.id);
    const failed = [...outcome.failed];
    report.transactions.inserted += outcome.result.inserted;
    report.transactions.updated += outcome.result.updated;
    report.transactions.ignored += outcome.result.ignored;

    for (const row of codes) {
      let result: CodeOutcome;
      try {
        result = await deliverCode(row, {
          db,
          notifier: options.notifier ?? getNotifier(),
          sealKey: options.sealKey ?? webhookSealKey(),
        });
      } catch (error) {
        failed.push({ row, error: describe(error) });
        continue;
      }
      if (result === 'SENT') report.codes++;
      done.push(row.id);
    }

    await markDone(db, done);
    await markFailed(db, failed);
    report.done += done.length;
    report.failed += failed.length;
    if (rows.length < batchSize) break;
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

