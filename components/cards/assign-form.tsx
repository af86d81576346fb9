'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { ActionResult } from '@/lib/actions';
import { ErrorCode } from '@/lib/errors';
import type { AssignOutcome } from '@/lib/approvals/assign';
import { assignCardAction } from '@/lib/approvals/assign-actions';
import {
  DESCRIPTION_MAX,
  assignFormSchema,
  assignWarnings,
  checkAssignContext,
  type AssignFormValues,
  type AssignWarning,
} from '@/lib/approvals/assign-schema';
import { defaultLimitsForm, type LimitKind } from '@/lib/approvals/limits';
import type { MccCategory } from '@/lib/approvals/mcc';
import type { Account, CardVisual } from '@/lib/accounts/types';
import type { CardholderOption } from '@/lib/cardholders/queries';
import { formatMoney } from '@/lib/money';
import { CardholderPicker } from './cardholder-picker';
import { useSparadosFacts } from '@/components/shell/sparados-facts';
import { LimitsEditor } from './limits-editor';
import { MccEditor } from './mcc-editor';
import { TimezoneSelect } from './timezone-select';
import { useRulesDraft } from './use-rules-draft';
import { VisualSelect } from './visual-select';
import { HeldNotice } from '@/components/budgets/held-notice';
import { WaitForCard } from './wait-for-card';

// The assign form (issue 5 item 4). Checked in the browser with THE schema before sending and
// again by the server action; errors sit next to their fields (aria-describedby) and in a summary
// at the top. One idempotency key per form instance: a double click or a retry assigns one card.

export interface AssignFormProps {
  accounts: Account[];
  visuals: CardVisual[];
  mccCategories: MccCategory[];
  defaultTimezone: string;
  /** Available balance per Card Alias ID (minor units), null when unknown. */
  balances: Record<string, number | null>;
  /** Today in the default zone, YYYY-MM-DD (from the server, so both renders agree). */
  today: string;
  initialCardholder?: CardholderOption | null;
}

type HolderKind = 'existing' | 'new' | 'sparadosUser';

interface NewHolder {
  fullApi: boolean;
  email: string;
  phonePrefix: string;
  phoneNumber: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  nationality: string;
}

const ID = 'assign';

/** The id of a field's control, from the schema path: the summary links to it. */
function fieldId(path: string): string {
  if (path === 'cardholder' || path === 'cardholder.kind') return `${ID}-cardholder-kind`;
  if (path === 'cardholder.cardholderId') return `${ID}-cardholder-search`;
  if (path === 'currency') return `${ID}-cardAliasId`;
  if (path.startsWith('tags')) return `${ID}-tags`;
  return `${ID}-${path.replace(/\./g, '-')}`;
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last) - 1);
  return target.toISOString().slice(0, 10);
}

/** The same checks the server runs: the schema, then the company's lists. */
function checkForm(values: AssignFormValues, context: Parameters<typeof checkAssignContext>[1]) {
  const parsed = assignFormSchema.safeParse(values);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.') || '_form'] ??= issue.message;
    return { errors, form: null };
  }
  for (const [path, messages] of Object.entries(checkAssignContext(parsed.data, context))) errors[path] ??= messages[0];
  return { errors, form: Object.keys(errors).length === 0 ? parsed.data : null };
}

export function AssignForm({ accounts, visuals, mccCategories, defaultTimezone, balances, today, initialCardholder = null }: AssignFormProps) {
  const router = useRouter();
  // Made in the browser after hydration (a key made during the server render would differ from the
  // browser's and break hydration); the form cannot be submitted before that anyway.
  const [idempotencyKey, setIdempotencyKey] = useState('');
  useEffect(() => setIdempotencyKey(crypto.randomUUID()), []);
  const [holderKind, setHolderKind] = useState<HolderKind>(initialCardholder ? 'existing' : 'new');
  // Under a Simple contract the Full API choices are not offered (and the server refuses them anyway).
  const fullApi = useSparadosFacts().contract === 'FULL';
  const [existing, setExisting] = useState<CardholderOption | null>(initialCardholder);
  const [holder, setHolder] = useState<NewHolder>({ fullApi: false, email: '', phonePrefix: '48', phoneNumber: '', firstName: '', lastName: '', birthDate: '', nationality: '' });
  const [sparadosUserId, setSparadosUserId] = useState('');
  const [cardAliasId, setCardAliasId] = useState(accounts[0]?.cardAliasId ?? '');
  const { draft, set, values: rules } = useRulesDraft(() => ({
    budget: '',
    startDate: today,
    endDate: addMonths(today, 3),
    timezone: defaultTimezone,
    limits: defaultLimitsForm(),
    mcc: { mode: 'none', categories: [], codes: '' },
    visualId: '',
    description: '',
    tags: '',
    allowChangeRequest: true,
  }));

  const [submitted, setSubmitted] = useState(false);
  const [serverResult, setServerResult] = useState<ActionResult<AssignOutcome> | null>(null);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);
  const warningsRef = useRef<HTMLDivElement>(null);
  // Focus moves to the summary (or the warnings) once they are on screen, so it is read out first.
  const [focusTarget, setFocusTarget] = useState<{ target: 'summary' | 'warnings'; tick: number } | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    (focusTarget.target === 'summary' ? summaryRef : warningsRef).current?.focus();
  }, [focusTarget]);
  const focus = (target: 'summary' | 'warnings') => setFocusTarget((f) => ({ target, tick: (f?.tick ?? 0) + 1 }));

  const account = accounts.find((a) => a.cardAliasId === cardAliasId) ?? null;
  const currency = account?.currency ?? accounts[0]?.currency ?? 'EUR';
  const available = account ? (balances[account.cardAliasId] ?? null) : null;

  const values: AssignFormValues = {
    idempotencyKey,
    cardholder:
      holderKind === 'existing'
        ? { kind: 'existing', cardholderId: existing?.id ?? '' }
        : holderKind === 'sparadosUser'
          ? { kind: 'sparadosUser', sparadosUserId }
          : { kind: 'new', ...holder },
    cardAliasId,
    currency,
    ...rules,
  };

  // The same checks the server runs; recomputed on every change once the person has tried to submit.
  const check = checkForm(values, { accounts, visuals, mccCategories });

  const serverErrors: Record<string, string> = {};
  if (serverResult && !serverResult.ok) for (const [path, messages] of Object.entries(serverResult.fieldErrors)) serverErrors[path] = messages[0];
  const errors: Record<string, string> = submitted ? { ...serverErrors, ...check.errors } : {};
  const warnings: AssignWarning[] = check.form ? assignWarnings(check.form, available) : [];
  const warningKey = warnings.map((w) => w.message).join('|');
  const limitWarnings = Object.fromEntries(warnings.filter((w) => w.field.startsWith('limits.')).map((w) => [w.field.slice(7), w.message])) as Partial<Record<LimitKind, string>>;
  const budgetWarning = warnings.find((w) => w.field === 'budget')?.message;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setServerResult(null);
    if (!check.form) {
      focus('summary');
      return;
    }
    if (warnings.length > 0 && acknowledged !== warningKey) {
      setAcknowledged(warningKey);
      focus('warnings');
      return;
    }
    startTransition(async () => {
      const result = await assignCardAction(values);
      setServerResult(result);
      if (!result.ok) {
        focus('summary');
        return;
      }
      if (!result.data.held && !result.data.fullApi && result.data.cardId) router.push(`/cards/${result.data.cardId}`);
    });
  }

  if (serverResult?.ok && serverResult.data.held) {
    return (
      <HeldNotice held={serverResult.data.held}>
        <p className="mt-2">
          <a href="/cards/new" className="underline">
            Assign another card
          </a>
        </p>
      </HeldNotice>
    );
  }
  if (serverResult?.ok && serverResult.data.fullApi && serverResult.data.approvalId && serverResult.data.cardId) {
    return <WaitForCard approvalId={serverResult.data.approvalId} cardId={serverResult.data.cardId} />;
  }

  const errorEntries = Object.entries(errors).filter(([path]) => path !== '_form');
  const formMessage = serverResult && !serverResult.ok ? serverResult.message : (errors._form ?? null);
  const showWarnings = warnings.length > 0 && acknowledged === warningKey;
  const succeeded = serverResult?.ok === true;
  // Sent but not confirmed: the reconciler finishes it, so this must not read as a failure.
  const outcomePending = serverResult?.ok === false && serverResult.code === ErrorCode.OUTCOME_PENDING;
  const summaryHeading =
    errorEntries.length > 0
      ? `${errorEntries.length} field${errorEntries.length === 1 ? ' needs' : 's need'} attention`
      : outcomePending
        ? 'The card is being confirmed with Sparados'
        : 'The card was not assigned';

  const holderField = (key: keyof Omit<NewHolder, 'fullApi'>) => ({
    id: fieldId(`cardholder.${key}`),
    value: holder[key],
    disabled: pending,
    onChange: (event: { target: { value: string } }) => setHolder((h) => ({ ...h, [key]: event.target.value })),
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Assign a card">
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      <div>
        {submitted && (errorEntries.length > 0 || formMessage) ? (
          <div
            ref={summaryRef}
            tabIndex={-1}
            role="alert"
            className={cn('rounded-md border px-4 py-3 text-sm', outcomePending ? 'border-amber-200 bg-amber-50 text-amber-900' : 'border-red-200 bg-red-50 text-red-800')}
            data-testid="error-summary"
          >
            <h2 className="font-semibold">{summaryHeading}</h2>
            {formMessage && (errorEntries.length === 0 || serverResult) ? <p className="mt-1">{formMessage}</p> : null}
            {errorEntries.length > 0 ? (
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {errorEntries.map(([path, message]) => (
                  <li key={path}>
                    <a href={`#${fieldId(path)}`} className="underline">
                      {message}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Cardholder</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <div id={fieldId('cardholder.kind')} tabIndex={-1} role="radiogroup" aria-label="Who gets the card" className="flex flex-wrap gap-x-6 gap-y-2">
            {(
              [
                ['new', 'New cardholder'],
                ['existing', 'Existing cardholder'],
                ...(fullApi ? ([['sparadosUser', 'Existing Sparados user (Full API)']] as const) : []),
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="cardholderKind" value={kind} checked={holderKind === kind} disabled={pending} onChange={() => setHolderKind(kind)} className="h-4 w-4 accent-indigo-600" />
                {label}
              </label>
            ))}
          </div>

          {holderKind === 'existing' ? (
            <CardholderPicker id={fieldId('cardholder.cardholderId')} selected={existing} onSelect={setExisting} error={errors['cardholder.cardholderId']} disabled={pending} />
          ) : null}

          {holderKind === 'sparadosUser' ? (
            <Field label="Sparados user id" hint="The user's id from the Full API; their contact data is read from Sparados." error={errors['cardholder.sparadosUserId']}>
              <Input id={fieldId('cardholder.sparadosUserId')} value={sparadosUserId} disabled={pending} autoComplete="off" onChange={(e) => setSparadosUserId(e.target.value)} />
            </Field>
          ) : null}

          {holderKind === 'new' ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="E-mail" error={errors['cardholder.email']} className="sm:col-span-2">
                <Input type="email" autoComplete="off" {...holderField('email')} />
              </Field>
              <div className="grid grid-cols-[6rem_1fr] gap-3 sm:col-span-2">
                <Field label="Phone prefix" hint="Digits, no +" error={errors['cardholder.phonePrefix']}>
                  <Input inputMode="numeric" autoComplete="off" {...holderField('phonePrefix')} />
                </Field>
                <Field label="Phone number" error={errors['cardholder.phoneNumber']}>
                  <Input type="tel" autoComplete="off" {...holderField('phoneNumber')} />
                </Field>
              </div>
              <Field label={holder.fullApi ? 'First name' : 'First name (optional)'} error={errors['cardholder.firstName']}>
                <Input autoComplete="off" {...holderField('firstName')} />
              </Field>
              <Field label={holder.fullApi ? 'Last name' : 'Last name (optional)'} error={errors['cardholder.lastName']}>
                <Input autoComplete="off" {...holderField('lastName')} />
              </Field>
              <Field label={holder.fullApi ? 'Date of birth' : 'Date of birth (optional)'} error={errors['cardholder.birthDate']}>
                <Input type="date" {...holderField('birthDate')} />
              </Field>
              <Field label={holder.fullApi ? 'Nationality' : 'Nationality (optional)'} hint="Two-letter country code, e.g. PL" error={errors['cardholder.nationality']}>
                <Input maxLength={2} autoComplete="off" className="uppercase" {...holderField('nationality')} />
              </Field>
              {fullApi ? (
              <label className="flex items-start gap-2 text-sm text-slate-800 sm:col-span-2">
                <input
                  type="checkbox"
                  checked={holder.fullApi}
                  disabled={pending}
                  onChange={(e) => setHolder((h) => ({ ...h, fullApi: e.target.checked }))}
                  className="mt-0.5 h-4 w-4 accent-indigo-600"
                />
                <span>
                  Create a Sparados user (Full API)
                  <span className="block text-xs text-slate-500">The card is then generated at once, without the employee redeeming it in the app.</span>
                </span>
              </label>
              ) : null}
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Budget and validity</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field label="Account" error={errors.cardAliasId ?? errors.currency}>
            <Select id={fieldId('cardAliasId')} value={cardAliasId} disabled={pending} onChange={(e) => setCardAliasId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.cardAliasId} value={a.cardAliasId}>
                  {a.name} ({a.currency})
                </option>
              ))}
            </Select>
          </Field>
          <Field label={`Budget (${currency})`} hint={available !== null ? `Available on the account: ${formatMoney(available, currency)}` : 'The total the employee may spend.'} error={errors.budget}>
            <Input id={fieldId('budget')} inputMode="decimal" autoComplete="off" placeholder="1,000.00" value={draft.budget} disabled={pending} onChange={(e) => set('budget')(e.target.value)} />
          </Field>
          {budgetWarning && !errors.budget ? <p className="text-sm text-amber-800 sm:col-span-2">{budgetWarning}</p> : null}
          <Field label="Valid from" error={errors.startDate}>
            <Input id={fieldId('startDate')} type="date" value={draft.startDate} disabled={pending} onChange={(e) => set('startDate')(e.target.value)} />
          </Field>
          <Field label="Valid until" hint="The whole day counts, in the time zone below." error={errors.endDate}>
            <Input id={fieldId('endDate')} type="date" value={draft.endDate} disabled={pending} onChange={(e) => set('endDate')(e.target.value)} />
          </Field>
          <Field label="Time zone" hint="Sets the card's days, weeks and months for the limits." error={errors.timezone} className="sm:col-span-2">
            <TimezoneSelect id={fieldId('timezone')} value={draft.timezone} disabled={pending} onValueChange={set('timezone')} />
          </Field>
        </CardContent>
      </Card>

      <LimitsEditor value={draft.limits} onChange={set('limits')} currency={currency} errors={errors} warnings={limitWarnings} disabled={pending} idPrefix={ID} />
      <MccEditor value={draft.mcc} onChange={set('mcc')} categories={mccCategories} errors={errors} disabled={pending} idPrefix={ID} />

      <Card>
        <CardHeader>
          <CardTitle>Card</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field label="Card visual" error={errors.visualId}>
            <VisualSelect id={fieldId('visualId')} value={draft.visualId} disabled={pending} visuals={visuals} onValueChange={set('visualId')} />
          </Field>
          <Field label="Description" hint={`Shown on the card; ${DESCRIPTION_MAX - draft.description.length} characters left.`} error={errors.description}>
            <Input id={fieldId('description')} value={draft.description} disabled={pending} autoComplete="off" onChange={(e) => set('description')(e.target.value)} />
          </Field>
          <Field label="Tags" hint="Separated by commas." error={errors.tags ?? Object.entries(errors).find(([p]) => p.startsWith('tags.'))?.[1]}>
            <Input id={fieldId('tags')} value={draft.tags} disabled={pending} autoComplete="off" onChange={(e) => set('tags')(e.target.value)} />
          </Field>
          <label className="flex items-start gap-2 self-end text-sm text-slate-800">
            <input
              id={fieldId('allowChangeRequest')}
              type="checkbox"
              checked={draft.allowChangeRequest}
              disabled={pending}
              onChange={(e) => set('allowChangeRequest')(e.target.checked)}
              className="mt-0.5 h-4 w-4 accent-indigo-600"
            />
            <span>
              The employee may request changes
              <span className="block text-xs text-slate-500">A higher budget or a later end date, for an approver to accept.</span>
            </span>
          </label>
        </CardContent>
      </Card>

      <div>
        {showWarnings ? (
          <Alert ref={warningsRef} tabIndex={-1} tone="warning" data-testid="assign-warnings">
            <p className="font-semibold">Before you save</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {warnings.map((w) => (
                <li key={w.message}>{w.message}</li>
              ))}
            </ul>
            <p className="mt-2">Change the form, or assign the card as it is.</p>
          </Alert>
        ) : null}
      </div>

      {succeeded ? <Alert tone="success">The card was assigned. Opening it…</Alert> : null}

      <div className="flex justify-end gap-2">
        <Button type="submit" pending={pending || succeeded}>
          {showWarnings ? 'Assign anyway' : 'Assign card'}
        </Button>
      </div>
    </form>
  );
}
