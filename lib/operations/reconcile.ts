import 'server-only';
import { recordAudit } from '@/lib/audit/record';
import { toAuditJson } from '@/lib/audit/json';
import { db as defaultDb } from '@/lib/db';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import type { OperationHandlers, StoredOperation } from './handler';
import { appErrorOf, classifyFailure } from './outcome';
import { inFlightUntil, WRITE_DEADLINE_MS } from './perform-write';

// Finishes writes whose outcome the panel never learned (timeout, 5xx, a crash between the call
// and the database write). For each SENT operation older than `olderThanSeconds` whose attempt can no
// longer be in flight, the handler reads Sparados first and sends the stored request again, with the
// same idempotency key, only when the write is not there yet (what the admin asked for); so nothing
// happens twice even where Sparados ignores the key. A PENDING one was never sent: it is closed as FAILED.

export interface ReconcileOptions {
  handlers: OperationHandlers;
  olderThanSeconds: number;
  /** Operations older than this are not sent again (Sparados keeps idempotency keys about a day). */
  maxReplayAgeSeconds?: number;
  limit?: number;
  db?: PrismaClient;
  now?: Date;
  /** How long one replay may take (defaults to the client's write deadline). */
  deadlineMs?: number;
}

export interface ReconcileReport {
  checked: number;
  succeeded: number;
  failed: number;
  stillUnknown: number;
}

const DAY_SECONDS = 86_400;

async function finishFailed(db: PrismaClient, id: string, code: string, message: string): Promise<void> {
  await db.pendingOperation.update({ where: { id }, data: { status: 'FAILED', errorCode: code, errorMessage: message, completedAt: new Date() } });
}

async function auditOutcome(tx: Prisma.TransactionClient, operation: StoredOperation, summary: string, now: Date): Promise<void> {
  if (!operation.cardId) return;
  await recordAudit(
    tx,
    { action: 'operations.reconciled', summary, targetType: 'card', targetId: operation.cardId, after: { kind: operation.kind, idempotencyKey: operation.idempotencyKey } },
    { actor: null, ip: null, at: now },
  );
}

export async function reconcileOperations(options: ReconcileOptions): Promise<ReconcileReport> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.olderThanSeconds * 1000);
  const replayCutoff = new Date(now.getTime() - (options.maxReplayAgeSeconds ?? DAY_SECONDS - 3600) * 1000);
  const report: ReconcileReport = { checked: 0, succeeded: 0, failed: 0, stillUnknown: 0 };

  // A write whose attempt may still be on its way (inFlightUntil) is left alone: replaying it now could
  // overlap the original, and Sparados may not honour the idempotency key.
  const stale = await db.pendingOperation.findMany({
    where: { status: { in: ['PENDING', 'SENT'] }, updatedAt: { lt: cutoff }, OR: [{ inFlightUntil: null }, { inFlightUntil: { lt: now } }] },
    orderBy: { updatedAt: 'asc' },
    take: options.limit ?? 100,
  });

  for (const row of stale) {
    // Claim it: another reconciler that read the same row loses this update and skips it. The replay is
    // in flight from now on, so no other pass starts one beside it.
    const deadlineAt = Date.now() + (options.deadlineMs ?? WRITE_DEADLINE_MS);
    const claimed = await db.pendingOperation.updateMany({
      where: { id: row.id, status: row.status, updatedAt: row.updatedAt },
      data: { attempts: { increment: 1 }, inFlightUntil: inFlightUntil(deadlineAt) },
    });
    if (claimed.count === 0) continue;
    report.checked++;

    if (row.status === 'PENDING') {
      await finishFailed(db, row.id, 'INTERNAL', 'The panel stopped before sending this change; nothing was sent to Sparados.');
      report.failed++;
      continue;
    }
    const handler = options.handlers[row.kind];
    if (!handler) {
      report.stillUnknown++;
      continue;
    }
    if (row.createdAt < replayCutoff) {
      await finishFailed(db, row.id, 'UPSTREAM_ERROR', 'Not confirmed by Sparados within a day; check the card in Sparados.');
      report.failed++;
      continue;
    }

    const operation: StoredOperation = {
      id: row.id,
      kind: row.kind,
      idempotencyKey: row.idempotencyKey,
      cardId: row.cardId,
      approvalSparadosId: row.approvalSparadosId,
      request: row.request,
      actorId: row.actorId,
      createdAt: row.createdAt,
    };
    let result: unknown;
    try {
      result = await handler.send(operation.request, operation.idempotencyKey, { deadlineAt, replay: { firstSentAt: operation.createdAt } });
    } catch (error) {
      const appError = appErrorOf(error);
      if (classifyFailure(error) === 'refused') {
        await finishFailed(db, row.id, appError.code, appError.message);
        report.failed++;
      } else {
        await db.pendingOperation.update({ where: { id: row.id }, data: { errorCode: appError.code, errorMessage: appError.message } });
        report.stillUnknown++;
      }
      continue;
    }

    await db.$transaction(async (tx) => {
      const applied = await handler.apply(result, tx, operation);
      const cardId = (applied && applied.cardId) || operation.cardId;
      await tx.pendingOperation.update({
        where: { id: row.id },
        data: {
          status: 'SUCCEEDED',
          response: (toAuditJson(result) ?? {}) as Prisma.InputJsonValue,
          errorCode: null,
          errorMessage: null,
          completedAt: new Date(),
          ...(cardId && { cardId }),
        },
      });
      const summary = handler.describe?.(result, operation) ?? `Confirmed with Sparados after an interruption: ${operation.kind}.`;
      await auditOutcome(tx, { ...operation, cardId }, summary, now);
    });
    report.succeeded++;
  }
  return report;
}
