import { setTimeout as sleep } from 'node:timers/promises';
import type { CallOptions } from './call';
import { hasDeliveredCard, type Approval } from './domain/approval';
import { SparadosError } from './errors';

// Full API flow (seeds 001): after creating an approval for an existing user, poll
// GET /secure/approvals/{id} every 0.5 s until it is DELIVERED with a cardId.

export interface WaitForCardOptions {
  intervalMs?: number;
  /** Gives up after this long (default 60 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every approval read, e.g. to show progress. */
  onPoll?: (approval: Approval) => void;
}

/** Statuses from which no card will ever come. */
const DEAD_ENDS = new Set(['CANCELED', 'REJECTED', 'EXPIRED', 'FINISHED', 'REAPPROVED']);

export async function waitForCard(
  getApproval: (id: string, options?: CallOptions) => Promise<Approval>,
  approvalId: string,
  options: WaitForCardOptions = {},
): Promise<Approval & { cardId: string }> {
  const intervalMs = options.intervalMs ?? 500;
  const deadlineAt = Date.now() + (options.timeoutMs ?? 60_000);
  const fail = (kind: 'deadline' | 'cancelled' | 'unexpected_state', message: string) =>
    new SparadosError({ kind, endpoint: 'waitForCard', message, sent: true });

  for (;;) {
    if (options.signal?.aborted) throw fail('cancelled', `waitForCard(${approvalId}): cancelled`);
    const approval = await getApproval(approvalId, { signal: options.signal, deadlineAt });
    options.onPoll?.(approval);
    if (hasDeliveredCard(approval)) return approval;
    if (DEAD_ENDS.has(approval.status)) {
      throw fail('unexpected_state', `waitForCard(${approvalId}): the approval is ${approval.status}, no card will be generated`);
    }
    const wait = Math.min(intervalMs, deadlineAt - Date.now());
    if (wait <= 0) throw fail('deadline', `waitForCard(${approvalId}): no card after ${options.timeoutMs ?? 60_000} ms (status ${approval.status})`);
    try {
      await sleep(wait, undefined, { signal: options.signal });
    } catch {
      throw fail('cancelled', `waitForCard(${approvalId}): cancelled`);
    }
  }
}
