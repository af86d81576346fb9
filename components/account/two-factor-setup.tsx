'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { confirmTwoFactorSetup, startTwoFactorSetup } from '@/lib/auth/two-factor/actions';
import type { EnrolmentStart } from '@/lib/auth/two-factor/service';
import { CodeForm } from './code-form';
import { RecoveryCodes } from './recovery-codes';

/**
 * Setting up an authenticator app: a new secret as a QR code (and as text to type), its first code to
 * confirm it, then the recovery codes, shown once, before going on.
 */
export function TwoFactorSetup({ email, continuePath }: { email: string; continuePath: string }) {
  const [enrolment, setEnrolment] = useState<EnrolmentStart | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function start() {
    startTransition(async () => {
      const result = await startTwoFactorSetup({});
      setFailure(result.ok ? null : result.message);
      if (result.ok) setEnrolment(result.data);
    });
  }

  if (recoveryCodes) {
    return (
      <div className="space-y-5">
        <Alert tone="success">Two-factor sign-in is on. From now on you sign in with your password and a code from the app.</Alert>
        <RecoveryCodes codes={recoveryCodes} email={email} />
        <Button onClick={() => window.location.assign(continuePath)}>I have saved them: continue</Button>
      </div>
    );
  }

  if (!enrolment) {
    return (
      <div className="space-y-4">
        <Alert tone="error">{failure}</Alert>
        <p className="text-sm text-slate-700">
          You need an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, 1Password or Aegis).
        </p>
        <Button onClick={start} pending={pending}>
          Show the QR code
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-5">
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>In the app, add an account and scan this code.</li>
        <li>Type the six digits the app shows for “Sparados panel”.</li>
      </ol>
      <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={192} height={192} className="mx-auto h-48 w-48" />
      <details className="text-sm text-slate-700">
        <summary className="cursor-pointer text-indigo-700 underline">Cannot scan? Type the key instead</summary>
        <p className="mt-2">
          Key (time-based, 6 digits):{' '}
          <code data-testid="totp-manual-key" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900">
            {enrolment.manualKey}
          </code>
        </p>
      </details>
      <CodeForm label="Turn on two-factor sign-in" submit={(code) => confirmTwoFactorSetup({ code })} onDone={(data) => setRecoveryCodes(data.recoveryCodes)} />
    </div>
  );
}
