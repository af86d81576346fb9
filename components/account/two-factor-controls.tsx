'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ActionDialog, useActionDialog } from '@/components/ui/action-dialog';
import { Button } from '@/components/ui/button';
import { renewOwnRecoveryCodes, turnOffTwoFactor } from '@/lib/auth/two-factor/actions';
import { CodeForm } from './code-form';
import { RecoveryCodes } from './recovery-codes';

/** The account page's two-factor buttons: set up; or new recovery codes and (when allowed) turn off. */
export function TwoFactorControls({ on, required, email }: { on: boolean; required: boolean; email: string }) {
  if (!on) {
    return (
      <Button asChild>
        <Link href="/two-factor/setup">Set up two-factor sign-in</Link>
      </Button>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      <NewRecoveryCodes email={email} />
      {required ? null : <TurnOff />}
    </div>
  );
}

function NewRecoveryCodes({ email }: { email: string }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const dialog = useActionDialog(() => setCodes(null));
  return (
    <ActionDialog
      state={dialog}
      trigger={<Button variant="secondary">New recovery codes</Button>}
      title="New recovery codes"
      description="The codes you have now stop working. Confirm with a code from your app (or one of your recovery codes)."
    >
      {codes ? (
        <div className="space-y-4">
          <RecoveryCodes codes={codes} email={email} />
          <div className="flex justify-end">
            <Button onClick={dialog.close}>Done</Button>
          </div>
        </div>
      ) : (
        <CodeForm
          label="Make new codes"
          recovery
          autoFocus
          submit={(code) => renewOwnRecoveryCodes({ code })}
          onDone={(data) => {
            setCodes(data.recoveryCodes);
            router.refresh();
          }}
        />
      )}
    </ActionDialog>
  );
}

function TurnOff() {
  const router = useRouter();
  const dialog = useActionDialog();
  return (
    <ActionDialog
      state={dialog}
      trigger={<Button variant="ghost">Turn off</Button>}
      title="Turn off two-factor sign-in?"
      description="Your password alone will sign you in. Confirm with a code from your app (or a recovery code)."
    >
      <CodeForm
        label="Turn off"
        recovery
        autoFocus
        submit={(code) => turnOffTwoFactor({ code })}
        onDone={() => {
          dialog.close();
          router.refresh();
        }}
      />
    </ActionDialog>
  );
}
