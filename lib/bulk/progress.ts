// Client-safe shape of an import's progress (the page polls it) and its arithmetic.

export interface BulkProgress {
  id: string;
  status: 'PREVIEW' | 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  fileName: string;
  totalRows: number;
  invalidRows: number;
  pending: number;
  succeeded: number;
  failed: number;
  /** Sent, not confirmed by Sparados yet: counted as processed, settled later. */
  checking: number;
  /** Held by the budget policy for a second person: counted as processed, settled once decided. */
  waiting: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Share of the valid rows done, 0–100 (an import with no valid rows is done). */
export function percentDone(progress: Pick<BulkProgress, 'totalRows' | 'invalidRows' | 'succeeded' | 'failed' | 'checking' | 'waiting'>): number {
  const valid = progress.totalRows - progress.invalidRows;
  if (valid <= 0) return 100;
  return Math.floor(((progress.succeeded + progress.failed + progress.checking + progress.waiting) * 100) / valid);
}
