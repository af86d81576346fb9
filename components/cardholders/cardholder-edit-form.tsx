'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { ActionResult } from '@/lib/actions';
import { HeldNotice } from '@/components/budgets/held-notice';
import type { HeldChangeWords } from '@/lib/budgets/view-types';
import { updateCardholder } from '@/lib/cardholders/actions';
import { editCardholderSchema, type EditCardholderValues } from '@/lib/cardholders/schemas';

// A cardholder's contact data. For a Sparados user (Full API) the change goes to Sparados first;
// the form's key makes a double click send it once.

export interface CardholderEditFormProps {
  cardholderId: string;
  fullApi: boolean;
  initial: Omit<EditCardholderValues, 'cardholderId' | 'idempotencyKey' | 'fullApi'>;
}

type Fields = 'email' | 'phonePrefix' | 'phoneNumber' | 'firstName' | 'lastName' | 'birthDate' | 'nationality';

export function CardholderEditForm({ cardholderId, fullApi, initial }: CardholderEditFormProps) {
  const router = useRouter();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ActionResult<{ held: HeldChangeWords | null }> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input: EditCardholderValues = { ...values, cardholderId, idempotencyKey: key, fullApi };
    const parsed = editCardholderSchema.safeParse(input);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) next[issue.path.join('.')] ??= issue.message;
      setErrors(next);
      setResult(null);
      return;
    }
    setErrors({});
    startTransition(async () => {
      const outcome = await updateCardholder(input);
      setResult(outcome);
      if (outcome.ok) {
        // A later change is another intent: it gets its own key.
        setKey(crypto.randomUUID());
        router.refresh();
      } else {
        setErrors(Object.fromEntries(Object.entries(outcome.fieldErrors).map(([path, messages]) => [path, messages[0]])));
      }
    });
  }

  const field = (name: Fields) => ({
    id: `cardholder-${name}`,
    value: values[name] ?? '',
    disabled: pending,
    onChange: (event: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: event.target.value })),
  });
  const optional = (label: string) => (fullApi ? label : `${label} (optional)`);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Contact data">
      <Alert tone="error">{result && !result.ok && Object.keys(result.fieldErrors).length === 0 ? result.message : null}</Alert>
      <Alert tone="success">{result?.ok && !result.data.held ? (fullApi ? 'Saved here and in Sparados.' : 'Saved.') : null}</Alert>
      {result?.ok && result.data.held ? <HeldNotice held={result.data.held} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="E-mail" error={errors.email} className="sm:col-span-2">
          <Input type="email" autoComplete="off" {...field('email')} />
        </Field>
        <Field label="Phone prefix" hint="Digits, no +" error={errors.phonePrefix}>
          <Input inputMode="numeric" autoComplete="off" {...field('phonePrefix')} />
        </Field>
        <Field label="Phone number" error={errors.phoneNumber}>
          <Input type="tel" autoComplete="off" {...field('phoneNumber')} />
        </Field>
        <Field label={optional('First name')} error={errors.firstName}>
          <Input autoComplete="off" {...field('firstName')} />
        </Field>
        <Field label={optional('Last name')} error={errors.lastName}>
          <Input autoComplete="off" {...field('lastName')} />
        </Field>
        <Field label={optional('Date of birth')} error={errors.birthDate}>
          <Input type="date" {...field('birthDate')} />
        </Field>
        <Field label={optional('Nationality')} hint="Two-letter country code, e.g. PL" error={errors.nationality}>
          <Input maxLength={2} autoComplete="off" className="uppercase" {...field('nationality')} />
        </Field>
      </div>
      <p className="text-xs text-slate-500">
        {fullApi
          ? 'This person is a Sparados user: the change is sent to Sparados as well.'
          : 'Cards already assigned keep the contact data they were assigned with; new cards use these.'}{' '}
        A new e-mail or phone number receives the cardholder's one-time codes, so it waits for a second person to approve it.
      </p>
      <div className="flex justify-end">
        <Button type="submit" pending={pending}>
          Save contact data
        </Button>
      </div>
    </form>
  );
}
