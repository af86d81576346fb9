'use client';

import { useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { ActionDialog, DialogButtons, useActionDialog } from '@/components/ui/action-dialog';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Field } from '@/components/ui/field';
import { fieldControlClasses } from '@/components/ui/input';
import { failureOf } from '@/components/cards/use-card-action';
import { rejectRequestSchema } from '@/lib/requests/schemas';

// Rejecting a change request asks why: the reason is kept in the audit trail (Sparados' reject
// carries none). The card page and the requests inbox both use this; each passes its own mutation
// (they refresh different things) and the key of the one intent.

interface RejectInput {
  cardId: string;
  approvalId: string;
  idempotencyKey: string;
  reason: string;
}

/** What this dialog needs of a TanStack mutation of rejectChangeRequest. */
interface RejectMutation {
  mutate(input: RejectInput, options: { onSuccess: () => void; onSettled: () => void }): void;
  reset(): void;
  isPending: boolean;
  error: unknown;
}

export function RejectRequestDialog({
  target,
  mutation,
  rotate,
  trigger,
  description,
  hint,
}: {
  target: Omit<RejectInput, 'reason'>;
  mutation: RejectMutation;
  /** Replaces the intent key once the server has answered. */
  rotate: () => void;
  trigger: ReactNode;
  description: string;
  hint: string;
}) {
  const dialog = useActionDialog(mutation.reset);
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const failure = failureOf(mutation.error);
  return (
    <ActionDialog state={dialog} trigger={trigger} title="Reject this change request?" description={description}>
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const input = { ...target, reason };
          const checked = rejectRequestSchema.safeParse(input);
          if (!checked.success) {
            setLocalError(checked.error.issues.find((i) => i.path[0] === 'reason')?.message ?? checked.error.issues[0]?.message);
            return;
          }
          setLocalError(undefined);
          mutation.mutate(input, { onSuccess: dialog.close, onSettled: rotate });
        }}
      >
        <Alert tone="error">{failure && !failure.fieldErrors.reason ? failure.message : null}</Alert>
        <Field label="Reason" hint={hint} error={localError ?? failure?.fieldErrors.reason?.[0]}>
          <textarea className={cn(fieldControlClasses, 'min-h-20 py-2')} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <DialogButtons dismiss="Keep it">
          <Button type="submit" variant="danger" pending={mutation.isPending}>
            Reject request
          </Button>
        </DialogButtons>
      </form>
    </ActionDialog>
  );
}
