import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { TwoFactorPrompt } from '@/components/account/two-factor-prompt';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { Card, CardContent } from '@/components/ui/card';
import { afterSignInPath } from '@/lib/auth/after-sign-in';
import { getSessionState } from '@/lib/auth/session';
import { safeCallbackPath } from '@/lib/auth/sign-in-errors';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TwoFactorPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl } = await searchParams;
  const callbackPath = safeCallbackPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl);
  const state = await getSessionState();
  if (!state) redirect('/sign-in');
  if (state.factor !== 'pending') redirect(afterSignInPath(callbackPath, state.factor));
  return (
    <Card>
      <CardContent className="space-y-6 py-6">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Enter your code</h1>
          <p className="mt-1 text-sm text-slate-600">
            Signed in as {state.user.email}. Open your authenticator app and type the code for “Sparados panel”. Lost your phone? Use one of your recovery codes, or ask an Admin to reset two-factor sign-in.
          </p>
        </div>
        <TwoFactorPrompt callbackPath={callbackPath} />
        <div className="border-t border-slate-200 pt-4">
          <SignOutButton />
        </div>
      </CardContent>
    </Card>
  );
}
