'use client';

import { useState } from 'react';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ActionDialog, ConfirmBody, DialogButtons, useActionDialog } from '@/components/ui/action-dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { dateTime } from '@/components/cards/format';
import { failureOf } from '@/components/cards/use-card-action';
import { BeforeAfter } from '@/components/budgets/before-after';
import { CHANGE_KIND_LABELS, CHANGE_STATE_LABELS, CHANGE_STATE_TONES, changeWords } from '@/components/budgets/budget-change-words';
import { can, type Role } from '@/lib/auth/permissions';
import { approveBudgetChange, declineBudgetChange, withdrawBudgetChange } from '@/lib/budgets/actions';
import type { BudgetChangeView } from '@/lib/budgets/view-types';
import { useInboxAction } from './use-inbox-action';

// Changes the budget policy held for a second pair of eyes: top-ups, new cards, rules edits, accepted
// change requests, and loosenings of the policy itself. The requester sees theirs but cannot approve it
// (the server refuses too, and refuses accounts the requester invited in the last 7 days); they may
// withdraw it. Approving carries it out through the same path that held it.

/** Who may approve or decline a change of this kind (the server checks again). */
export function mayDecide(change: Pick<BudgetChangeView, 'kind'>, role: Role): boolean {
  return can(role, change.kind === 'POLICY' ? 'settings.manage' : 'requests.decide');
}

function ApproveDialog({ change }: { change: BudgetChangeView }) {
  // No key of its own: the change's id makes the write's key, so approving twice sends it once.
  const mutation = useInboxAction(approveBudgetChange);
  const dialog = useActionDialog(mutation.reset);
  return (
    <ActionDialog
      state={dialog}
      trigger={<Button size="sm">Approve</Button>}
      title="Approve this budget change?"
      description={`${change.requestedByName} asked for it for ${change.label}. ${change.kind === 'POLICY' ? 'It applies at once.' : 'It is sent to Sparados at once.'}`}
    >
      <ConfirmBody
        failure={failureOf(mutation.error)}
        confirm={
          <Button pending={mutation.isPending} onClick={() => mutation.mutate({ changeId: change.id, reason: '' }, { onSuccess: dialog.close })}>
            Approve change
          </Button>
        }
      >
        <p className="text-sm text-slate-800">{changeWords(change)}</p>
        {change.reason ? <p className="text-sm text-slate-600">Held because it is {change.reason}.</p> : null}
        {change.before && change.after ? <BeforeAfter before={change.before} after={change.after} currency={change.currency} /> : null}
        {change.mode === 'TARGET' ? <p className="text-xs text-slate-500">A target for the available amount: the change is worked out again from the figures at the moment you approve.</p> : null}
      </ConfirmBody>
    </ActionDialog>
  );
}

function DeclineDialog({ change, withdraw }: { change: BudgetChangeView; withdraw: boolean }) {
  const [reason, setReason] = useState('');
  const mutation = useInboxAction(withdraw ? withdrawBudgetChange : declineBudgetChange);
  const dialog = useActionDialog(mutation.reset);
  const failure = failureOf(mutation.error);
  return (
    <ActionDialog
      state={dialog}
      trigger={
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50">
          {withdraw ? 'Withdraw' : 'Decline'}
        </Button>
      }
      title={withdraw ? 'Withdraw your budget change?' : 'Decline this budget change?'}
      description={`${changeWords(change)} for ${change.label}. Nothing is sent to Sparados.`}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate({ changeId: change.id, reason }, { onSuccess: dialog.close });
        }}
      >
        {withdraw ? null : (
          <Field label="Reason (optional)" hint="Kept in the audit log." error={failure?.fieldErrors.reason?.[0]}>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        )}
        <Alert tone="error">{failure && !failure.fieldErrors.reason ? failure.message : null}</Alert>
        <DialogButtons>
          <Button type="submit" variant="danger" pending={mutation.isPending}>
            {withdraw ? 'Withdraw change' : 'Decline change'}
          </Button>
        </DialogButtons>
      </form>
    </ActionDialog>
  );
}

function ChangeRow({ change, userId, role, timezone }: { change: BudgetChangeView; userId: string; role: Role; timezone: string }) {
  const own = change.requestedById === userId;
  const waiting = change.state === 'awaiting_approval';
  return (
    <TableRow data-testid="budget-change-row">
      <TableCell>
        {change.cardId ? (
          <Link href={`/cards/${change.cardId}`} className="font-medium text-indigo-700 hover:underline">
            {change.holderName ?? change.label}
          </Link>
        ) : (
          <span className="font-medium text-slate-800">{CHANGE_KIND_LABELS[change.kind]}</span>
        )}
        <div className="text-xs text-slate-500">{change.label}</div>
      </TableCell>
      <TableCell>
        <div>{changeWords(change)}</div>
        {change.reason && waiting ? <div className="mt-1 text-xs text-slate-500">Held: {change.reason}</div> : null}
      </TableCell>
      <TableCell>
        <div>{change.requestedByName}</div>
        <div className="text-xs text-slate-500">{dateTime(change.requestedAt, timezone)}</div>
      </TableCell>
      <TableCell>
        <Badge tone={CHANGE_STATE_TONES[change.state]}>{CHANGE_STATE_LABELS[change.state]}</Badge>
        {change.decidedByName ? <div className="mt-1 text-xs text-slate-500">by {change.decidedByName}</div> : null}
        {change.note ? <div className="mt-1 text-xs text-slate-600">{change.note}</div> : null}
      </TableCell>
      <TableCell>
        {waiting ? (
          <div className="flex flex-wrap items-center gap-2">
            {mayDecide(change, role) && !own ? <ApproveDialog change={change} /> : null}
            {own ? <span className="text-xs text-slate-500">You asked: another approver must approve it.</span> : null}
            {mayDecide(change, role) && !own ? <DeclineDialog change={change} withdraw={false} /> : null}
            {own ? <DeclineDialog change={change} withdraw /> : null}
          </div>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

export function BudgetChangesTable({ changes, caption, userId, role, timezone }: { changes: BudgetChangeView[]; caption: string; userId: string; role: Role; timezone: string }) {
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Card</TableHeaderCell>
          <TableHeaderCell>Change</TableHeaderCell>
          <TableHeaderCell>Asked by</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((c) => (
          <ChangeRow key={c.id} change={c} userId={userId} role={role} timezone={timezone} />
        ))}
      </TableBody>
    </Table>
  );
}
