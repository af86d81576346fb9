'use client';

import { useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { fieldError, type ActionResult } from '@/lib/actions';

/**
 * One code box and its button, for every step that asks for a code from the authenticator app (or a
 * recovery code where `recovery` says so). The result of a success goes to `onDone`.
 */
export function CodeForm<T>({
  submit,
  onDone,
  label,
  recovery = false,
  autoFocus = false,
  children,
}: {
  submit(code: string): Promise<ActionResult<T>>;
  onDone(data: T): void;
  label: string;
  recovery?: boolean;
  autoFocus?: boolean;
  children?: ReactNode;
}) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    startTransition(async () => {
      const outcome = await submit(code);
      setResult(outcome);
      if (outcome.ok) onDone(outcome.data);
    });
  }

  const failed = result && !result.ok ? result : null;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Alert tone="error">{failed && !failed.fieldErrors.code ? failed.message : null}</Alert>
      <Field
        label={recovery ? 'Code from your app, or a recovery code' : 'Code from your app'}
        hint={recovery ? 'Six digits from the app; a recovery code looks like abcde-23456.' : 'Six digits; a new one appears every 30 seconds.'}
        error={failed?.fieldErrors.code ? failed.message : fieldError(result, 'code')}
      >
        <Input
          name="code"
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={32}
          autoFocus={autoFocus}
          className="font-mono tracking-widest"
        />
      </Field>
      {children}
      <Button type="submit" pending={pending}>
        {label}
      </Button>
    </form>
  );
}
