'use client';

import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { deleteCardholder } from '@/lib/cardholders/actions';

// Deleting a cardholder, behind a confirmation. The server refuses while they hold active cards and
// says why; the page shows that reason up front too (refusal), but the server's check is the one that counts.

export function DeleteCardholder({ cardholderId, name, refusal, sparadosUser }: { cardholderId: string; name: string; refusal: string | null; sparadosUser: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await deleteCardholder({ cardholderId, idempotencyKey: key });
      if (result.ok) {
        setOpen(false);
        router.push('/cardholders');
        router.refresh();
      } else setMessage(result.message);
    });
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), setMessage(null))}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Trash2 aria-hidden="true" className="h-4 w-4" />
          Delete cardholder
        </Button>
      </DialogTrigger>
      <DialogContent title={`Delete ${name}?`} description="They disappear from the directory; their past cards keep their history.">
        <div className="space-y-4">
          {refusal ? <Alert tone="warning">{refusal}</Alert> : null}
          {sparadosUser && !refusal ? <p className="text-sm text-slate-700">The Sparados user is deleted as well. This cannot be undone.</p> : null}
          <Alert tone="error">{message}</Alert>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Keep</Button>
            </DialogClose>
            <Button variant="danger" pending={pending} onClick={confirm}>
              Delete
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
