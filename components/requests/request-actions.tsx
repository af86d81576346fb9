'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { fieldControlClasses, Input } from '@/components/ui/input';
import { failureOf, useIntentKey } from '@/components/cards/use-card-action';
import { money } from '@/components/cards/format';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import { acceptChangeRequest, cancelApproval, rejectChangeRequest } from '@/lib/approvals/actions';
import { localDate } from '@/lib/approvals/validity';
import { can, type Role } from '@/lib/auth/permissions';
import { formatMinorAsInput } from '@/lib/money';
import { editAndAcceptRequest } from '@/lib/requests/actions';
import { editAndAcceptSchema, rejectRequestSchema } from '@/lib/requests/schemas';
import type { ChangeRequestView } from '@/lib/requests/view-types';
import { useInboxAction } from './use-inbox-action';

// The answers to one change request: accept, edit then accept, reject (with a reason), cancel. Each
// dialog holds the key of its one intent until the server answers.

function ActionDialog({ trigger, title, description, children, open, onOpenChange }: { trigger: ReactNode; title: string; description: string; children: ReactNode; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        {children}
      </DialogContent>
    </Dialog>
  );
}

function target(request: ChangeRequestView, key: string) {
  return { cardId: request.cardId, approvalId: request.approvalId, idempotencyKey: key };
}

function Effect({ request }: { request: ChangeRequestView }) {
  const { current, requested, currency } = request;
  return (
    <p className="text-sm text-slate-700">
      Budget {current ? `${money(current.budgetMinor, currency)} → ` : ''}
      <strong>{money(requested.budgetMinor, currency)}</strong>, valid until{' '}
      {current && current.endDate !== requested.endDate ? `${localDate(new Date(current.endDate), current.timezone)} → ` : ''}
      <strong>{localDate(new Date(requested.endDate), requested.timezone)}</strong>. The card continues under approval <span className="font-mono">{request.approvalId}</span>.
    </p>
  );
}

function AcceptDialog({ request }: { request: ChangeRequestView }) {
  const [open, setOpen] = useState(false);
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(acceptChangeRequest);
  const failure = failureOf(mutation.error);
  return (
    <ActionDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) mutation.reset();
      }}
      title="Accept this change request?"
      description={`${request.askedBy} asked for it. The card takes the requested rules at once.`}
      trigger={<Button size="sm">Accept</Button>}
    >
      <div className="space-y-4">
        <Effect request={request} />
        <Alert tone="error">{failure?.message ?? null}</Alert>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Not now</Button>
          </DialogClose>
          <Button pending={mutation.isPending} onClick={() => mutation.mutate(target(request, key), { onSuccess: () => setOpen(false), onSettled: rotate })}>
            Accept request
          </Button>
        </div>
      </div>
    </ActionDialog>
  );
}

function EditAcceptDialog({ request }: { request: ChangeRequestView }) {
  const currency = request.currency;
  const [open, setOpen] = useState(false);
  const [budget, setBudget] = useState(currency ? formatMinorAsInput(BigInt(request.requested.budgetMinor), currency) : '');
  const [endDate, setEndDate] = useState(localDate(new Date(request.requested.endDate), request.requested.timezone));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(editAndAcceptRequest);
  const failure = failureOf(mutation.error);
  if (!currency) return null;
  const shown = { ...errors, ...(failure?.fieldErrors ?? {}) };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { ...target(request, key), currency: currency!, budget, endDate };
    const checked = editAndAcceptSchema.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrorsFromZod(checked.error));
      return;
    }
    setErrors({});
    mutation.mutate(input, { onSuccess: () => setOpen(false), onSettled: rotate });
  }

  return (
    <ActionDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) mutation.reset();
      }}
      title="Edit, then accept"
      description="Grant a different budget or end date than asked; the other rules stay as requested."
      trigger={
        <Button size="sm" variant="secondary">
          Edit then accept
        </Button>
      }
    >
      <form className="space-y-4" noValidate onSubmit={onSubmit} aria-label="Edit then accept">
        <Alert tone="error">{failure && Object.keys(failure.fieldErrors).length === 0 ? failure.message : null}</Alert>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={`Budget (${currency})`} hint={`Asked: ${money(request.requested.budgetMinor, currency)}`} error={shown.budget?.[0]}>
            <Input inputMode="decimal" autoComplete="off" value={budget} onChange={(e) => setBudget(e.target.value)} />
          </Field>
          <Field label="End date" hint={`YYYY-MM-DD, ${request.requested.timezone}`} error={shown.endDate?.[0]}>
            <Input value={endDate} onChange={(e) => setEndDate(e.target.value)} />
          </Field>
        </div>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Not now</Button>
          </DialogClose>
          <Button type="submit" pending={mutation.isPending}>
            Save and accept
          </Button>
        </div>
      </form>
    </ActionDialog>
  );
}

function RejectDialog({ request }: { request: ChangeRequestView }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(rejectChangeRequest);
  const failure = failureOf(mutation.error);
  return (
    <ActionDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) mutation.reset();
      }}
      title="Reject this change request?"
      description="The card keeps its current rules. The cardholder may ask again."
      trigger={
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50">
          Reject
        </Button>
      }
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const input = { ...target(request, key), reason };
          const checked = rejectRequestSchema.safeParse(input);
          if (!checked.success) {
            setError(checked.error.issues[0]?.message);
            return;
          }
          setError(undefined);
          mutation.mutate(input, { onSuccess: () => setOpen(false), onSettled: rotate });
        }}
      >
        <Alert tone="error">{failure && !failure.fieldErrors.reason ? failure.message : null}</Alert>
        <Field label="Reason" hint="Required; kept in the audit log with your name." error={error ?? failure?.fieldErrors.reason?.[0]}>
          <textarea className={cn(fieldControlClasses, 'min-h-20 py-2')} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Not now</Button>
          </DialogClose>
          <Button type="submit" variant="danger" pending={mutation.isPending}>
            Reject request
          </Button>
        </div>
      </form>
    </ActionDialog>
  );
}

function CancelDialog({ request }: { request: ChangeRequestView }) {
  const [open, setOpen] = useState(false);
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(cancelApproval);
  const failure = failureOf(mutation.error);
  return (
    <ActionDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) mutation.reset();
      }}
      title="Cancel this change request?"
      description="It is withdrawn without an answer; the card keeps its current rules. This cannot be undone."
      trigger={
        <Button size="sm" variant="ghost">
          Cancel request
        </Button>
      }
    >
      <div className="space-y-4">
        <Alert tone="error">{failure?.message ?? null}</Alert>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Keep it</Button>
          </DialogClose>
          <Button variant="danger" pending={mutation.isPending} onClick={() => mutation.mutate(target(request, key), { onSuccess: () => setOpen(false), onSettled: rotate })}>
            Cancel request
          </Button>
        </div>
      </div>
    </ActionDialog>
  );
}

export function RequestActions({ request, role }: { request: ChangeRequestView; role: Role }) {
  if (!can(role, 'requests.decide')) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Answer the request">
      <AcceptDialog request={request} />
      <EditAcceptDialog request={request} />
      <RejectDialog request={request} />
      {can(role, 'cards.takeback') ? <CancelDialog request={request} /> : null}
    </div>
  );
}
