import { OPERATION_HANDLERS } from '@/lib/operations/reconcile-job';
import { reconcileOperations, type ReconcileReport } from '@/lib/operations/reconcile';
import { IN_FLIGHT_MARGIN_MS, WRITE_DEADLINE_MS } from '@/lib/operations/perform-write';

// The reconciler as the worker runs it, at a moment when every attempt started before this call can no
// longer be in flight: the tests' stand-in for "a minute later".

export function afterInFlight(from: number = Date.now()): Date {
  return new Date(from + WRITE_DEADLINE_MS + IN_FLIGHT_MARGIN_MS + 1_000);
}

export function reconcileLater(): Promise<ReconcileReport> {
  return reconcileOperations({ handlers: OPERATION_HANDLERS, olderThanSeconds: 0, now: afterInFlight() });
}
