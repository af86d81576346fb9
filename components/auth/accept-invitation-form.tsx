'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useHydrated } from '@/components/ui/use-hydrated';
import { fieldError, type ActionResult } from '@/lib/actions';
import { acceptInvitation } from '@/lib/admin-users/actions';

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await acceptInvitation({
        token,
        password: String(form.get('password') ?? ''),
        confirmPassword: String(form.get('confirmPassword') ?? ''),
      });
      if (outcome.ok) {
        window.location.assign(`/sign-in?joined=1&email=${encodeURIComponent(email)}`);
        return;
      }
      setResult(outcome);
    });
  }

  const formError = result && !result.ok && result.code !== 'VALIDATION' ? result.message : null;
  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4">
      <Alert tone="error">{formError}</Alert>
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field label="New password" hint="At least 12 characters. A few unrelated words make a strong one." error={fieldError(result, 'password')}>
        <Input name="password" type="password" autoComplete="new-password" required minLength={12} />
      </Field>
      <Field label="Repeat the password" error={fieldError(result, 'confirmPassword')}>
        <Input name="confirmPassword" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" className="w-full" pending={pending} disabled={!hydrated}>
        Set password
      </Button>
    </form>
  );
}
