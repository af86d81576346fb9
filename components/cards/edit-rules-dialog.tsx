'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import { editCard } from '@/lib/approvals/actions';
import { editCardSchema, type EditCardInput } from '@/lib/approvals/card-action-schemas';
import type { MccCategory } from '@/lib/approvals/mcc';
import type { ApprovalView, CardDetail } from '@/lib/approvals/view-types';
import type { FieldErrors } from '@/lib/errors';
import { LimitsEditor } from './limits-editor';
import { MccEditor } from './mcc-editor';
import { TimezoneSelect } from './timezone-select';
import { useRulesDraft } from './use-rules-draft';
import { VisualSelect } from './visual-select';
import { failureOf, useCardAction, useIntentKey } from './use-card-action';
import { fixFocusId, useFocusField } from '@/components/transactions/card-fix';
import type { CardFixRequest } from '@/lib/transactions/decline-reasons';

// Edit the rules of the current approval with the assign form's editors and schema. Sparados
// answers an edit of a DELIVERED approval with a new approval id; the page follows the card, so it
// shows the new one. Checked in the browser with the server's own schema before sending.

type Defaults = NonNullable<CardDetail['editDefaults']>;

function firstErrors(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v[0] ?? '']));
}

function EditForm({ card, approval, defaults, mccCategories, visuals, onDone, fix }: { card: CardDetail; approval: ApprovalView; defaults: Defaults; mccCategories: MccCategory[]; visuals: Array<{ id: string; name: string }>; onDone: () => void; fix?: CardFixRequest | null }) {
  useFocusField(fixFocusId(fix));
  const currency = card.currency!;
  const { draft, set, values: rules } = useRulesDraft(() => ({ ...defaults, tags: defaults.tags.join(', ') }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [key, rotate] = useIntentKey();
  const mutation = useCardAction(card.id, editCard);
  const failure = failureOf(mutation.error);
  const shown = firstErrors({ ...errors, ...(failure?.fieldErrors ?? {}) });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input: EditCardInput = {
      cardId: card.id,
      approvalId: approval.sparadosId,
      idempotencyKey: key,
      currency,
      ...rules,
    };
    const checked = editCardSchema.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrorsFromZod(checked.error));
      return;
    }
    setErrors({});
    mutation.mutate(input, { onSuccess: onDone, onSettled: rotate });
  }

  const formError = failure && Object.keys(failure.fieldErrors).length === 0 ? failure.message : Object.keys(shown).length ? 'Some fields need attention; each says what to change.' : null;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Edit rules">
      <Alert tone="error">{formError}</Alert>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={`Budget (${currency})`} error={shown.budget}>
          <Input inputMode="decimal" autoComplete="off" value={draft.budget} onChange={(e) => set('budget')(e.target.value)} />
        </Field>
        <Field label="Time zone" error={shown.timezone}>
          <TimezoneSelect value={draft.timezone} onValueChange={set('timezone')} />
        </Field>
        <Field label="Start date" hint="YYYY-MM-DD in the time zone above" error={shown.startDate}>
          <Input value={draft.startDate} onChange={(e) => set('startDate')(e.target.value)} />
        </Field>
        <Field label="End date" hint="The card works to the end of this day" error={shown.endDate}>
          <Input id="edit-end-date" value={draft.endDate} onChange={(e) => set('endDate')(e.target.value)} />
        </Field>
      </div>
      <LimitsEditor value={draft.limits} onChange={set('limits')} currency={currency} errors={shown} idPrefix="edit" />
      <MccEditor value={draft.mcc} onChange={set('mcc')} categories={mccCategories} errors={shown} idPrefix="edit" />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Description on the card" error={shown.description}>
          <Input value={draft.description} onChange={(e) => set('description')(e.target.value)} />
        </Field>
        <Field label="Card visual" error={shown.visualId}>
          <VisualSelect value={draft.visualId} visuals={visuals} onValueChange={set('visualId')} />
        </Field>
        <Field label="Tags" hint="Separated by commas" error={shown.tags}>
          <Input value={draft.tags} onChange={(e) => set('tags')(e.target.value)} />
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={draft.allowChangeRequest} onChange={(e) => set('allowChangeRequest')(e.target.checked)} />
          The cardholder may request changes
        </label>
      </div>
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" pending={mutation.isPending}>
          Save rules
        </Button>
      </div>
    </form>
  );
}

export function EditRulesDialog(props: { card: CardDetail; approval: ApprovalView; defaults: Defaults; mccCategories: MccCategory[]; visuals: Array<{ id: string; name: string }>; fix?: CardFixRequest | null }) {
  const [open, setOpen] = useState(Boolean(props.fix));
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">Edit rules</Button>
      </DialogTrigger>
      <DialogContent
        title="Edit the card's rules"
        description={props.approval.status === 'DELIVERED' ? 'Sparados replaces the approval with a new one (a new id); the card keeps its history here.' : 'The waiting change request is changed in place.'}
        className="max-w-3xl"
      >
        {/* Mounted while open only: each opening starts from the card's current rules and a new key. */}
        {open ? <EditForm {...props} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
