'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { percentDone, type BulkProgress } from '@/lib/bulk/progress';

// The live progress bar of a running import: polls the progress endpoint until the import is done,
// then refreshes the page so the per-row results appear.

async function fetchProgress(importId: string): Promise<BulkProgress> {
  const response = await fetch(`/cards/bulk/${importId}/progress`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`progress: HTTP ${response.status}`);
  return (await response.json()) as BulkProgress;
}

const FINISHED = new Set(['DONE', 'FAILED']);

export function BulkProgressBar({ initial }: { initial: BulkProgress }) {
  const router = useRouter();
  const { data, error } = useQuery({
    queryKey: ['bulk-progress', initial.id],
    queryFn: () => fetchProgress(initial.id),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
  const progress = data ?? initial;
  const percent = percentDone(progress);
  const done = FINISHED.has(progress.status);

  const refreshed = useRef(done);
  useEffect(() => {
    if (done && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [done, router]);

  const valid = progress.totalRows - progress.invalidRows;
  return (
    <div className="space-y-2">
      <div className="flex items-baseline justify-between text-sm">
        <span id="bulk-progress-label" className="font-medium text-slate-900">
          {done ? 'Finished' : progress.status === 'QUEUED' ? 'Waiting for the worker…' : 'Assigning…'}
        </span>
        <span className="text-slate-600" data-testid="bulk-progress-text">
          {percent} % · {progress.succeeded + progress.failed + progress.checking + progress.waiting} of {valid} rows
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="bulk-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {progress.succeeded} done · {progress.failed} failed{progress.checking > 0 ? ` · ${progress.checking} being confirmed with Sparados` : ''}{progress.waiting > 0 ? ` · ${progress.waiting} waiting for a second approver` : ''} · {progress.invalidRows} skipped with errors
      </p>
      {error ? <Alert tone="warning">The progress could not be read; retrying.</Alert> : null}
      {progress.error ? <Alert tone="error">The job stopped: {progress.error}. It is retried automatically.</Alert> : null}
    </div>
  );
}
