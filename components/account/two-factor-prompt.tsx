'use client';

import { CodeForm } from './code-form';
import { verifyTwoFactor } from '@/lib/auth/two-factor/actions';

/** The second step of signing in: the code, then a full load of where the user was going. */
export function TwoFactorPrompt({ callbackPath }: { callbackPath: string }) {
  return (
    <CodeForm
      label="Continue"
      recovery
      autoFocus
      submit={(code) => verifyTwoFactor({ code })}
      // A full load: the server renders the panel now that this session counts.
      onDone={() => window.location.assign(callbackPath)}
    />
  );
}
