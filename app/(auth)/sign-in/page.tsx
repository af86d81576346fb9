import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Card, CardContent } from '@/components/ui/card';
import { afterSignInPath } from '@/lib/auth/after-sign-in';
import { getSessionState } from '@/lib/auth/session';
import { safeCallbackPath, signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { getEnv, oidcEnabled } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  const state = await getSessionState();
  if (state) redirect(afterSignInPath(callbackPath, state.factor));

  const env = getEnv();
  return (
    <Card>
      <CardContent className="space-y-6 py-6">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">Corporate card control room for finance teams.</p>
        </div>
        <SignInForm
          callbackPath={callbackPath}
          initialError={signInErrorMessage(first(params.error))}
          initialEmail={first(params.email) ?? ''}
          notice={first(params.joined) ? 'Your password is set. Sign in to continue.' : null}
          sso={oidcEnabled(env) ? { name: env.AUTH_OIDC_NAME } : null}
        />
      </CardContent>
    </Card>
  );
}
