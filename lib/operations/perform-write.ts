import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { db as defaultDb } from '@/lib/db';
import { AppError, ErrorCode, isAppError, type ErrorCode as ErrorCodeType } from '@/lib/errors';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { toAuditJson } from '@/lib/audit/json';
import { DEFAULT_RETRY_POLICY } from '@/lib/sparados/retry';
import type { ApplyResult, SendContext } from './handler';
import { holdsLane, type LaneLease } from './lanes';
import { appErrorOf, classifyFailure } from './outcome';

// The write-intent pattern of DESIGN.md: record the intent, call Sparados with its idempotency key,
// record the result in the same transaction as its effect. See docs/decisions/061-write-intent.md.

export interface WriteIntent {
  /** What is being done, e.g. "approval.lock"; the reconciler finds its handler by this name. */
  kind: string;
  /** One per user intent (a click, a form submission, a CSV row): a retry or double click reuses it. */
  idempotencyKey: string;
  cardId?: string | null;
  approvalSparadosId?: string | null;
  /** Everything needed to send the call again (JSON): the reconciler replays from it. */
  request: unknown;
  actorId?: string | null;
  /** The lane this write belongs to, held by the caller (lanes.ts): it stays busy until the write is confirmed. */
  lease?: LaneLease;
}

export interface PerformWriteOptions<T> {
  db?: PrismaClient;
  /** How long one attempt (with its retries) may take; the record counts as in flight until then. */
  deadlineMs?: number;
  /** Turns a stored response (JSON) back into T when a repeated key replays it. */
  revive?: (json: unknown) => T;
  /** How long a repeat waits for the first attempt of the same key to finish. */
  waitForInFlightMs?: number;
  /** Only return the outcome of a write already recorded under this key; never start one. */
  existingOnly?: boolean;
}

export interface WriteOutcome<T> {
  result: T;
  /** True when this key had already succeeded: nothing was sent or applied this time. */
  replayed: boolean;
  operationId: string;
}

type OperationRow = { id: string; kind: string; status: string; request: Prisma.JsonValue; response: Prisma.JsonValue; errorCode: string | null; errorMessage: string | null };

const IN_FLIGHT_POLL_MS = 150;

/** The Sparados client's own budget for a write with its retries and checking reads. */
export const WRITE_DEADLINE_MS = DEFAULT_RETRY_POLICY.deadlineMs;
/**
 * Added to the deadline before anyone may replay a SENT record: the request may still be travelling,
 * or its answer being recorded, just after the client gave up waiting.
 */
export const IN_FLIGHT_MARGIN_MS = 15_000;

/** Until when an attempt started now may still reach Sparados or be recorded (the reconciler waits for it). */
export function inFlightUntil(deadlineAt: number): Date {
  return new Date(deadlineAt + IN_FLIGHT_MARGIN_MS);
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return (toAuditJson(value) ?? {}) as Prisma.InputJsonValue;
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sameRequest(row: OperationRow, intent: WriteIntent): boolean {
  return row.kind === intent.kind && canonicalJson(row.request) === canonicalJson(toAuditJson(intent.request) ?? {});
}

function storedFailure(row: OperationRow): AppError {
  const code = (row.errorCode && row.errorCode in ErrorCode ? row.errorCode : ErrorCode.UPSTREAM_ERROR) as ErrorCodeType;
  return new AppError(code, row.errorMessage ?? undefined);
}

async function outcomeOfExisting<T>(db: PrismaClient, intent: WriteIntent, options: PerformWriteOptions<T>): Promise<WriteOutcome<T>> {
  const deadline = Date.now() + (options.waitForInFlightMs ?? 20_000);
  for (;;) {
    const row = await db.pendingOperation.findUnique({ where: { idempotencyKey: intent.idempotencyKey } });
    if (!row) throw new AppError(ErrorCode.INTERNAL, 'No write is recorded under this key.');
    if (!sameRequest(row, intent)) {
      throw new AppError(ErrorCode.CONFLICT, 'This request key was already used for a different change. Reload and try again.');
    }
    if (row.status === 'SUCCEEDED') {
      const result = options.revive ? options.revive(row.response) : (row.response as T);
      return { result, replayed: true, operationId: row.id };
    }
    if (row.status === 'FAILED') throw storedFailure(row);
    if (Date.now() >= deadline) {
      throw new AppError(ErrorCode.OUTCOME_PENDING, 'This change is still being confirmed with Sparados. It will finish by itself; check again in a minute.');
    }
    await sleep(IN_FLIGHT_POLL_MS);
  }
}

/**
 * Sends one upstream write exactly once per idempotency key.
 * - A new key: PENDING → SENT → `call(key)` → one transaction runs `apply(result, tx)` and marks SUCCEEDED.
 * - A key seen before: returns its stored outcome (waiting briefly if it is still in flight); nothing is sent.
 * - Sparados refuses (4xx, or the request never left): FAILED with the error code and message, then thrown.
 * - Outcome unknown (timeout, 5xx, a crash, `apply` throwing): stays SENT; the reconciler finishes it.
 */
export async function performWrite<T>(
  intent: WriteIntent,
  call: (idempotencyKey: string, context: SendContext) => Promise<T>,
  apply: (result: T, tx: Prisma.TransactionClient) => Promise<ApplyResult>,
  options: PerformWriteOptions<T> = {},
): Promise<WriteOutcome<T>> {
  const db = options.db ?? defaultDb;
  if (options.existingOnly) return outcomeOfExisting(db, intent, options);
  const lane = intent.lease?.lane ?? null;
  if (lane && !holdsLane(intent.lease, lane)) throw new Error(`performWrite: the lease of lane ${lane} is not held`);
  const inserted = await db.pendingOperation.createMany({
    data: [{
      idempotencyKey: intent.idempotencyKey,
      kind: intent.kind,
      cardId: intent.cardId ?? null,
      approvalSparadosId: intent.approvalSparadosId ?? null,
      request: toJson(intent.request),
      actorId: intent.actorId ?? null,
      lane,
    }],
    skipDuplicates: true,
  });
  if (inserted.count === 0) return outcomeOfExisting(db, intent, options);

  const deadlineAt = Date.now() + (options.deadlineMs ?? WRITE_DEADLINE_MS);
  const operation = await db.pendingOperation.update({
    where: { idempotencyKey: intent.idempotencyKey },
    data: { status: 'SENT', attempts: { increment: 1 }, inFlightUntil: inFlightUntil(deadlineAt) },
    select: { id: true },
  });

  let result: T;
  try {
    result = await call(intent.idempotencyKey, { deadlineAt });
  } catch (error) {
    const appError = appErrorOf(error);
    if (classifyFailure(error) === 'refused') {
      await db.pendingOperation.update({
        where: { id: operation.id },
        data: { status: 'FAILED', errorCode: appError.code, errorMessage: appError.message, completedAt: new Date() },
      });
    } else {
      // Keep SENT: whether Sparados applied it is not known. Note why, for the reconciler and support.
      await db.pendingOperation.update({ where: { id: operation.id }, data: { errorCode: appError.code, errorMessage: appError.message } });
    }
    throw isAppError(error) ? error : appError;
  }

  try {
    await db.$transaction(async (tx) => {
      const applied = await apply(result, tx);
      await tx.pendingOperation.update({
        where: { id: operation.id },
        data: {
          status: 'SUCCEEDED',
          response: toJson(result),
          errorCode: null,
          errorMessage: null,
          completedAt: new Date(),
          ...(applied && applied.cardId ? { cardId: applied.cardId } : {}),
        },
      });
    });
  } catch (error) {
    // Sparados has applied it; the database did not record it. The reconciler replays the key
    // (Sparados answers with the first result) and applies it then.
    throw new AppError(ErrorCode.OUTCOME_PENDING, 'Sparados applied the change but the panel could not record it yet. It will appear within a minute.', { cause: error });
  }
  return { result, replayed: false, operationId: operation.id };
}
