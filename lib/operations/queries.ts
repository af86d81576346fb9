import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

// Reads of the write-intent table for the rest of the panel. lib/operations owns PendingOperation:
// other modules ask here what became of a key, never query the table themselves, so the meaning of
// its statuses lives in one place (docs/decisions/061).

export type OperationStatus = 'PENDING' | 'SENT' | 'SUCCEEDED' | 'FAILED';

export interface OperationRecord {
  id: string;
  idempotencyKey: string;
  kind: string;
  status: OperationStatus;
  cardId: string | null;
  approvalSparadosId: string | null;
  /** The stored request (JSON), exactly as it was sent. */
  request: Prisma.JsonValue;
  /** Sparados' answer, once SUCCEEDED. */
  response: Prisma.JsonValue | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
}

const RECORD = {
  id: true,
  idempotencyKey: true,
  kind: true,
  status: true,
  cardId: true,
  approvalSparadosId: true,
  request: true,
  response: true,
  errorCode: true,
  errorMessage: true,
  createdAt: true,
} as const satisfies Prisma.PendingOperationSelect;

const UNFINISHED: OperationStatus[] = ['PENDING', 'SENT'];

export function isUnfinished(status: OperationStatus): boolean {
  return UNFINISHED.includes(status);
}

/** The write made with this key, if any: a repeat of an intent finds its first attempt here. */
export function findOperation(idempotencyKey: string): Promise<OperationRecord | null> {
  return db.pendingOperation.findUnique({ where: { idempotencyKey }, select: RECORD });
}

/** The writes made with these keys, by key (keys never used are absent). `client`: an open transaction to read in. */
export async function findOperations(keys: readonly string[], client: Prisma.TransactionClient = db): Promise<Map<string, OperationRecord>> {
  if (keys.length === 0) return new Map();
  const rows = await client.pendingOperation.findMany({ where: { idempotencyKey: { in: [...keys] } }, select: RECORD });
  return new Map(rows.map((row) => [row.idempotencyKey, row]));
}

/** Writes of one card Sparados has not confirmed yet, oldest first. */
export function unfinishedOperationsOfCard(cardId: string, limit = 20): Promise<OperationRecord[]> {
  return db.pendingOperation.findMany({ where: { cardId, status: { in: UNFINISHED } }, orderBy: { createdAt: 'asc' }, take: limit, select: RECORD });
}

/** Which of these approvals have an unconfirmed write of one of `kinds` (e.g. a decision on a change request). */
export async function approvalsWithUnfinished(approvalIds: readonly string[], kinds: readonly string[]): Promise<Set<string>> {
  if (approvalIds.length === 0) return new Set();
  const rows = await db.pendingOperation.findMany({
    where: { approvalSparadosId: { in: [...approvalIds] }, status: { in: UNFINISHED }, kind: { in: [...kinds] } },
    select: { approvalSparadosId: true },
  });
  return new Set(rows.map((row) => row.approvalSparadosId).filter((id): id is string => id !== null));
}

/** How many writes were ever recorded (benchmarks: a re-run must add none). */
export function countOperations(): Promise<number> {
  return db.pendingOperation.count();
}
