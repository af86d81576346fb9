'use client';

import { useState } from 'react';
import { Alert, failureTone } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ActionDialog, ConfirmBody, DialogButtons, useActionDialog } from '@/components/ui/action-dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { acceptChangeRequest, cancelApproval, changeBudget, lockCard, rejectChangeRequest, unassignCard, unlockCard } from '@/lib/approvals/actions';
import { ACTION_LABELS, ACTION_PERMISSIONS, allowedActions, type ApprovalAction } from '@/lib/approvals/state-machine';
import type { ApprovalView, CardDetail } from '@/lib/approvals/view-types';
import { BUDGET_CHANGE_MODES, BUDGET_MODE_LABELS, type BudgetChangeMode } from '@/lib/budgets/math';
import { previewBudgetChange } from '@/lib/budgets/preview';
import { BeforeAfter } from '@/components/budgets/before-after';
import { RejectRequestDialog } from '@/components/requests/reject-request-dialog';
import { can, type Role } from '@/lib/auth/permissions';
import { ActionFailed, failureOf, useCardAction, useIntentKey } from './use-card-action';
import type { AloneLimit } from '@/lib/budgets/view-types';

// The buttons of one approval, straight from the state machine's table and the permission table:
// a Viewer gets none, and nothing the current state forbids is offered.

export function visibleActions(approval: ApprovalView, role: Role): ApprovalAction[] {
  return allowedActions(approval.status, approval.cardStatus).filter((a) => can(role, ACTION_PERMISSIONS[a]));
}

function withCardStatus(cardStatus: 'ACTIVE' | 'LOCKED') {
  return (card: CardDetail): CardDetail => {
    if (!card.current) return card;
    const current = { ...card.current, cardStatus };
    return { ...card, current, chain: card.chain.map((a) => (a.isCurrent ? current : a)) };
  };
}

/** Lock and unlock act at once: the badge changes before the server answers and changes back if it refuses. */
export function LockToggle({ card, approval, locked, autoFocus }: { card: CardDetail; approval: ApprovalView; locked: boolean; autoFocus?: boolean }) {
  const [key, rotate] = useIntentKey();
  const mutation = useCardAction(card.id, locked ? unlockCard : lockCard, withCardStatus(locked ? 'ACTIVE' : 'LOCKED'));
  const failure = failureOf(mutation.error);
  return (
    <div className="space-y-2">
      <Button
        variant={locked ? 'primary' : 'secondary'}
        autoFocus={autoFocus}
        pending={mutation.isPending}
        onClick={() => mutation.mutate({ cardId: card.id, approvalId: approval.sparadosId, idempotencyKey: key }, { onSettled: rotate })}
      >
        {locked ? ACTION_LABELS.unlock : ACTION_LABELS.lock}
      </Button>
      <Alert tone={failureTone(failure)}>
        {failure ? `${locked ? 'Unlock' : 'Lock'} ${failureTone(failure) === 'warning' ? 'sent, not confirmed yet' : 'failed'}: ${failure.message}` : null}
      </Alert>
    </div>
  );
}

const CONFIRM_TEXT: Record<'cancel' | 'unassign' | 'accept', { title: string; body: string; verb: string; danger: boolean }> = {
  cancel: { title: 'Cancel this approval?', body: 'The card will not be issued and the cardholder is told by e-mail. This cannot be undone: to give them a card again, assign a new one.', verb: 'Cancel approval', danger: true },
  unassign: { title: 'Take the card back?', body: 'The card stops working at once and the approval ends. This cannot be undone: to give them a card again, assign a new one.', verb: 'Unassign card', danger: true },
  accept: { title: 'Accept this change request?', body: 'The card takes the requested rules at once and continues under the new approval id.', verb: 'Accept request', danger: false },
};

const CONFIRM_ACTIONS = { cancel: cancelApproval, unassign: unassignCard, accept: acceptChangeRequest } as const;

export function ConfirmAction({ card, approval, action }: { card: CardDetail; approval: ApprovalView; action: keyof typeof CONFIRM_TEXT | 'reject' }) {
  if (action === 'reject') return <RejectAction card={card} approval={approval} />;
  return <ConfirmOnly card={card} approval={approval} action={action} />;
}

function ConfirmOnly({ card, approval, action }: { card: CardDetail; approval: ApprovalView; action: keyof typeof CONFIRM_TEXT }) {
  const [key, rotate] = useIntentKey();
  const mutation = useCardAction<{ cardId: string; approvalId: string; idempotencyKey: string }, unknown>(card.id, CONFIRM_ACTIONS[action]);
  const dialog = useActionDialog(mutation.reset);
  const text = CONFIRM_TEXT[action];
  return (
    <ActionDialog
      state={dialog}
      title={text.title}
      description={text.body}
      trigger={
        <Button variant={text.danger ? 'ghost' : 'secondary'} className={text.danger ? 'text-red-700 hover:bg-red-50' : undefined}>
          {ACTION_LABELS[action]}
        </Button>
      }
    >
      <ConfirmBody
        failure={failureOf(mutation.error)}
        dismiss="Keep it"
        confirm={
          <Button
            variant={text.danger ? 'danger' : 'primary'}
            pending={mutation.isPending}
            onClick={() => mutation.mutate({ cardId: card.id, approvalId: approval.sparadosId, idempotencyKey: key }, { onSuccess: dialog.close, onSettled: rotate })}
          >
            {text.verb}
          </Button>
        }
      >
        <p className="text-sm text-slate-600">
          Approval <span className="font-mono">{approval.sparadosId}</span>
        </p>
      </ConfirmBody>
    </ActionDialog>
  );
}

function RejectAction({ card, approval }: { card: CardDetail; approval: ApprovalView }) {
  const [key, rotate] = useIntentKey();
  const mutation = useCardAction(card.id, rejectChangeRequest);
  return (
    <RejectRequestDialog
      target={{ cardId: card.id, approvalId: approval.sparadosId, idempotencyKey: key }}
      mutation={mutation}
      rotate={rotate}
      description="The card keeps its current rules. This cannot be undone; the cardholder may ask again."
      hint="Kept in the audit log with your name."
      trigger={
        <Button variant="ghost" className="text-red-700 hover:bg-red-50">
          {ACTION_LABELS.reject}
        </Button>
      }
    />
  );
}

const MODE_OPTIONS = BUDGET_CHANGE_MODES.map((mode) => ({ mode, label: BUDGET_MODE_LABELS[mode] }));

/**
 * Top up, reduce, or set the available amount. Shows the figures before and after as the amount is
 * typed (the server's own plan), says when the change will wait for a second approver, and keeps the
 * intent's key until the server has answered: a retry after a lost answer sends the same key, so it
 * cannot apply twice.
 */
export function BudgetDialog({ card, approval, defaultOpen = false, aloneLimit = null }: { card: CardDetail; approval: ApprovalView; defaultOpen?: boolean; aloneLimit?: AloneLimit | null }) {
  const [mode, setMode] = useState<BudgetChangeMode>('increase');
  const [amount, setAmount] = useState('');
  const [key, rotate] = useIntentKey();
  const mutation = useCardAction(card.id, changeBudget);
  const dialog = useActionDialog(() => {
    mutation.reset();
    setAmount('');
  }, defaultOpen);
  const failure = failureOf(mutation.error);
  const currency = card.currency;
  if (!currency) return null;
  const figures = { budgetMinor: approval.budgetMinor, spentMinor: approval.spentMinor, availableMinor: approval.availableMinor };
  const preview = previewBudgetChange(figures, mode, amount, currency, aloneLimit);
  const lostAnswer = mutation.error && !(mutation.error instanceof ActionFailed);
  const amountError = failure?.fieldErrors.amount?.[0] ?? (preview.kind === 'invalid' || preview.kind === 'refused' ? preview.message : undefined);
  return (
    <ActionDialog
      state={dialog}
      trigger={<Button variant="secondary">{ACTION_LABELS.changeBudget}</Button>}
      title="Change the budget"
      description="Top up, reduce, or set what is left to spend. The budget cannot go below what is already spent."
    >
      <form
        className="space-y-4"
        noValidate
        aria-label="Change the budget"
        onSubmit={(event) => {
          event.preventDefault();
          if (preview.kind !== 'ok') return;
          mutation.mutate(
            { cardId: card.id, approvalId: approval.sparadosId, idempotencyKey: key, mode, amount, currency },
            {
              onSuccess: () => {
                rotate();
                dialog.close();
                setAmount('');
              },
              // A refusal ends this intent; a lost answer keeps its key so the retry is recognised.
              onError: (error) => {
                if (error instanceof ActionFailed) rotate();
              },
            },
          );
        }}
      >
        <Alert tone={failureTone(failure)}>{failure && !failure.fieldErrors.amount ? failure.message : null}</Alert>
        <Alert tone="warning">
          {lostAnswer ? 'The panel did not answer, so it is not known whether the change arrived. The figures below are read again; sending again is safe: the same change is never applied twice.' : null}
        </Alert>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Change">
            <Select name="mode" value={mode} onChange={(e) => setMode(e.target.value as BudgetChangeMode)}>
              {MODE_OPTIONS.map((o) => (
                <option key={o.mode} value={o.mode}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={`Amount (${currency})`} error={amountError}>
            <Input name="amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
        </div>
        <BeforeAfter before={figures} after={preview.kind === 'ok' ? preview.after : null} currency={currency} />
        <Alert tone="info">{preview.kind === 'ok' ? preview.note : null}</Alert>
        <DialogButtons dismiss="Cancel">
          <Button type="submit" pending={mutation.isPending} disabled={preview.kind !== 'ok'}>
            {preview.kind === 'ok' && preview.needsSecondApprover ? 'Ask for approval' : 'Save budget'}
          </Button>
        </DialogButtons>
      </form>
    </ActionDialog>
  );
}
