'use client';

import { useState, type FormEvent } from 'react';
import { ActionDialog, ConfirmBody, DialogButtons, useActionDialog } from '@/components/ui/action-dialog';
import { Alert, failureTone } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { failureOf, useIntentKey } from '@/components/cards/use-card-action';
import { money } from '@/components/cards/format';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import { acceptChangeRequest, cancelApproval, rejectChangeRequest } from '@/lib/approvals/actions';
import { localDate } from '@/lib/approvals/validity';
import { can, type Role } from '@/lib/auth/permissions';
import { formatMinorAsInput } from '@/lib/money';
import { editAndAcceptRequest } from '@/lib/requests/actions';
import { editAndAcceptSchema } from '@/lib/requests/schemas';
import type { ChangeRequestView } from '@/lib/requests/view-types';
import { RejectRequestDialog } from './reject-request-dialog';
import { useInboxAction } from './use-inbox-action';

// The answers to one change request: accept, edit then accept, reject (with a reason), cancel. Each
// dialog holds the key of its one intent until the server answers.

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
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(acceptChangeRequest);
  const dialog = useActionDialog(mutation.reset);
  return (
    <ActionDialog
      state={dialog}
      title="Accept this change request?"
      description={`${request.askedBy} asked for it. The card takes the requested rules at once.`}
      trigger={<Button size="sm">Accept</Button>}
    >
      <ConfirmBody
        failure={failureOf(mutation.error)}
        confirm={
          <Button pending={mutation.isPending} onClick={() => mutation.mutate(target(request, key), { onSuccess: dialog.close, onSettled: rotate })}>
            Accept request
          </Button>
        }
      >
        <Effect request={request} />
      </ConfirmBody>
    </ActionDialog>
  );
}

function EditAcceptDialog({ request }: { request: ChangeRequestView }) {
  const currency = request.currency;
  const [budget, setBudget] = useState(currency ? formatMinorAsInput(BigInt(request.requested.budgetMinor), currency) : '');
  const [endDate, setEndDate] = useState(localDate(new Date(request.requested.endDate), request.requested.timezone));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(editAndAcceptRequest);
  const dialog = useActionDialog(mutation.reset);
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
    mutation.mutate(input, { onSuccess: dialog.close, onSettled: rotate });
  }

  return (
    <ActionDialog
      state={dialog}
      title="Edit, then accept"
      description="Grant a different budget or end date than asked; the other rules stay as requested."
      trigger={
        <Button size="sm" variant="secondary">
          Edit then accept
        </Button>
      }
    >
      <form className="space-y-4" noValidate onSubmit={onSubmit} aria-label="Edit then accept">
        <Alert tone={failureTone(failure)}>{failure && Object.keys(failure.fieldErrors).length === 0 ? failure.message : null}</Alert>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={`Budget (${currency})`} hint={`Asked: ${money(request.requested.budgetMinor, currency)}`} error={shown.budget?.[0]}>
            <Input inputMode="decimal" autoComplete="off" value={budget} onChange={(e) => setBudget(e.target.value)} />
          </Field>
          <Field label="End date" hint={`YYYY-MM-DD, ${request.requested.timezone}`} error={shown.endDate?.[0]}>
            <Input value={endDate} onChange={(e) => setEndDate(e.target.value)} />
          </Field>
        </div>
        <DialogButtons>
          <Button type="submit" pending={mutation.isPending}>
            Save and accept
          </Button>
        </DialogButtons>
      </form>
    </ActionDialog>
  );
}

function RejectDialog({ request }: { request: ChangeRequestView }) {
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(rejectChangeRequest);
  return (
    <RejectRequestDialog
      target={target(request, key)}
      mutation={mutation}
      rotate={rotate}
      description="The card keeps its current rules. The cardholder may ask again."
      hint="Required; kept in the audit log with your name."
      trigger={
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50">
          Reject
        </Button>
      }
    />
  );
}

function CancelDialog({ request }: { request: ChangeRequestView }) {
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(cancelApproval);
  const dialog = useActionDialog(mutation.reset);
  return (
    <ActionDialog
      state={dialog}
      title="Cancel this change request?"
      description="It is withdrawn without an answer; the card keeps its current rules. This cannot be undone."
      trigger={
        <Button size="sm" variant="ghost">
          Cancel request
        </Button>
      }
    >
      <ConfirmBody
        failure={failureOf(mutation.error)}
        dismiss="Keep it"
        confirm={
          <Button variant="danger" pending={mutation.isPending} onClick={() => mutation.mutate(target(request, key), { onSuccess: dialog.close, onSettled: rotate })}>
            Cancel request
          </Button>
        }
      />
    </ActionDialog>
  );
}

export function RequestActions({ request, role }: { request: ChangeRequestView; role: Role }) {
  if (!can(role, 'requests.decide')) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Answer the request">
      {/* An acceptance already held for a second person is approved or declined under "Budget changes". */}
      {request.acceptHeld ? null : <AcceptDialog request={request} />}
      {request.acceptHeld ? null : <EditAcceptDialog request={request} />}
      <RejectDialog request={request} />
      {can(role, 'cards.takeback') ? <CancelDialog request={request} /> : null}
    </div>
  );
}
