'use client';

import { KeyRound } from 'lucide-react';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useHydrated } from '@/components/ui/use-hydrated';
import { signInLandingPath } from '@/lib/auth/after-sign-in';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';

export function SignInForm({
  callbackPath,
  initialError,
  initialEmail,
  notice,
  sso,
}: {
  callbackPath: string;
  initialError: string | null;
  initialEmail: string;
  notice: string | null;
  sso: { name: string } | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // A full load, so the server sees the new session cookie and sends it on (to the code prompt first
      // when the account has two-factor sign-in).
      window.location.assign(signInLandingPath(callbackPath));
      return;
    }
    setPending(false);
    setError(signInErrorMessage(result?.error ?? 'Unknown'));
  }

  return (
    <div className="space-y-5">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Alert tone="error">{error}</Alert>
      <form onSubmit={onSubmit} method="post" className="space-y-4">
        <Field label="Email">
          <Input name="email" type="email" autoComplete="username" required defaultValue={initialEmail} autoFocus={!initialEmail} />
        </Field>
        <Field label="Password">
          <Input name="password" type="password" autoComplete="current-password" required autoFocus={Boolean(initialEmail)} />
        </Field>
        <Button type="submit" className="w-full" pending={pending} disabled={!hydrated}>
          Sign in
        </Button>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button variant="secondary" className="w-full" disabled={!hydrated} onClick={() => signIn('oidc', { callbackUrl: signInLandingPath(callbackPath) })}>
            <KeyRound aria-hidden="true" className="h-4 w-4" />
            Continue with {sso.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
