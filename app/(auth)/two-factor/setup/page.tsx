import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { TwoFactorSetup } from '@/components/account/two-factor-setup';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { Card, CardContent } from '@/components/ui/card';
import { afterSignInPath } from '@/lib/auth/after-sign-in';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { getSessionState } from '@/lib/auth/session';
import { safeCallbackPath } from '@/lib/auth/sign-in-errors';
import { twoFactorStatus } from '@/lib/auth/two-factor/queries';

export const metadata: Metadata = { title: 'Set up two-factor sign-in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TwoFactorSetupPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl } = await searchParams;
  const requested = Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl;
  const state = await getSessionState();
  if (!state) redirect('/sign-in');
  if (state.factor === 'pending') redirect(afterSignInPath(safeCallbackPath(requested), 'pending'));
  const status = await twoFactorStatus(state.user.id, state.user.role);
  if (status.enabledAt) redirect('/account');
  // Set up from the account page: back there afterwards; set up at sign-in: on to the page asked for.
  const continuePath = requested ? safeCallbackPath(requested) : '/account';
  return (
    <Card>
      <CardContent className="space-y-6 py-6">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Set up two-factor sign-in</h1>
          <p className="mt-1 text-sm text-slate-600">
            {state.factor === 'setup'
              ? `As ${ROLE_LABELS[state.user.role]}, you sign in with your password and a code from an authenticator app. Set it up to continue.`
              : 'From now on you will sign in with your password and a code from an authenticator app.'}
          </p>
        </div>
        <TwoFactorSetup email={state.user.email} continuePath={continuePath} />
        <div className="border-t border-slate-200 pt-4">
          {state.factor === 'setup' ? (
            <SignOutButton />
          ) : (
            <a href="/account" className="text-sm text-indigo-700 underline">
              Back to your account
            </a>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
