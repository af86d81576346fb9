import type { Prisma } from '@/lib/generated/prisma/client';

// What the reconciler needs to finish an operation of one kind without the closure that started
// it: how to send it again from its stored request, and how to record the result.

export interface StoredOperation {
  id: string;
  kind: string;
  idempotencyKey: string;
  cardId: string | null;
  approvalSparadosId: string | null;
  request: unknown;
  actorId: string | null;
  createdAt: Date;
}

/** What `apply` may report back, e.g. the card a new approval created. */
export type ApplyResult = void | { cardId?: string | null };

/** How one attempt of a write is to be sent. */
export interface SendContext {
  /** The attempt is over by then, answered or not: the record's in-flight window ends soon after. */
  deadlineAt: number;
  /**
   * Set when the reconciler sends an attempt again whose outcome was never learned: the handler reads
   * Sparados first and sends only if the write is not there yet (decision 061).
   */
  replay?: { firstSentAt: Date };
}

export interface OperationHandler<T = unknown> {
  /** Sends the stored request with its key. */
  send(request: unknown, idempotencyKey: string, context: SendContext): Promise<T>;
  apply(result: T, tx: Prisma.TransactionClient, operation: StoredOperation): Promise<ApplyResult>;
  /** Turns a stored response back into T (replays of SUCCEEDED keys). */
  revive?(json: unknown): T;
  /** Timeline sentence once the reconciler confirms it, e.g. "Lock confirmed by Sparados". */
  describe?(result: T, operation: StoredOperation): string;
}

export type OperationHandlers = Readonly<Record<string, OperationHandler<any>>>;
