'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { confirmBulkImport } from '@/lib/bulk/actions';

// Step two: the admin has seen the preview and starts the job. A double click starts it once.

export function ConfirmImport({ importId, validRows }: { importId: string; validRows: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <Alert tone="error">{message}</Alert>
      <Button
        pending={pending}
        disabled={validRows === 0}
        onClick={() =>
          startTransition(async () => {
            const result = await confirmBulkImport({ importId });
            if (result.ok) router.refresh();
            else setMessage(result.message);
          })
        }
      >
        Assign {validRows} row{validRows === 1 ? '' : 's'}
      </Button>
    </div>
  );
}
