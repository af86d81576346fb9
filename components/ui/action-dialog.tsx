'use client';

import { useState, type ReactNode } from 'react';
import { Alert, failureTone } from './alert';
import { Button } from './button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from './dialog';

// The frame every "are you sure / give a reason" dialog of an action shares: open state that forgets
// the last failure when closed, the trigger, the error line and the dismiss-or-confirm row.

export interface ActionDialogState {
  open: boolean;
  onOpenChange(open: boolean): void;
  close(): void;
}

/** `onClosed` runs whenever the dialog closes (typically the mutation's reset, so a reopened dialog starts clean). */
export function useActionDialog(onClosed?: () => void, defaultOpen = false): ActionDialogState {
  const [open, setOpen] = useState(defaultOpen);
  return {
    open,
    onOpenChange: (next) => {
      setOpen(next);
      if (!next) onClosed?.();
    },
    close: () => setOpen(false),
  };
}

export function ActionDialog({ state, trigger, title, description, children }: { state: ActionDialogState; trigger: ReactNode; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Dialog open={state.open} onOpenChange={state.onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** The last row: a button that closes without doing anything, then the action's own button(s). */
export function DialogButtons({ dismiss = 'Not now', children }: { dismiss?: string; children: ReactNode }) {
  return (
    <div className="flex justify-end gap-2">
      <DialogClose asChild>
        <Button variant="secondary">{dismiss}</Button>
      </DialogClose>
      {children}
    </div>
  );
}

/** A dialog's body for an action that needs no input: what it will do, the failure if any, the buttons. */
export function ConfirmBody({
  failure,
  dismiss,
  confirm,
  children,
}: {
  failure: { code: string; message: string } | null | undefined;
  dismiss?: string;
  confirm: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-4">
      {children}
      <Alert tone={failureTone(failure)}>{failure?.message ?? null}</Alert>
      <DialogButtons dismiss={dismiss}>{confirm}</DialogButtons>
    </div>
  );
}
