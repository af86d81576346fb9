'use client';

import { TriangleExclamationPoint } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** Shown by error boundaries: says what happened in plain words and offers a retry. */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert">
      <EmptyState
        icon={TriangleExclamationPoint}
        title="This page could not be shown"
        action={
          <Button variant="secondary" onClick={reset}>
            Try again
          </Button>
        }
      >
        <p>Something went wrong on our side and it has been logged. Nothing you were doing was saved twice.</p>
        {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {error.digest}</p> : null}
      </EmptyState>
    </div>
  );
}
