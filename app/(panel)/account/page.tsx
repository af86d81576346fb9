import type { Metadata } from 'next';
import { TwoFactorControls } from '@/components/account/two-factor-controls';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { twoFactorStatus } from '@/lib/auth/two-factor/queries';

export const metadata: Metadata = { title: 'Your account' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function AccountPage() {
  const user = await requirePermission('account.manage');
  const status = await twoFactorStatus(user.id, user.role);
  return (
    <>
      <PageHeader title="Your account" description={`${user.name} · ${user.email}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Role</CardTitle>
              <CardDescription>An Admin changes roles under Settings › Admin users.</CardDescription>
            </div>
            <Badge tone={user.role === 'ADMIN' ? 'info' : 'neutral'}>{ROLE_LABELS[user.role]}</Badge>
          </CardHeader>
          <CardContent className="text-sm text-slate-700">{ROLE_DESCRIPTIONS[user.role]}</CardContent>
        </Card>
        <Card aria-labelledby="two-factor-title">
          <CardHeader>
            <div>
              <CardTitle id="two-factor-title">Two-factor sign-in</CardTitle>
              <CardDescription>A code from an authenticator app on your phone, asked after your password.</CardDescription>
            </div>
            <Badge tone={status.enabledAt ? 'success' : 'warning'}>{status.enabledAt ? 'On' : 'Off'}</Badge>
          </CardHeader>
          <CardContent className="space-y-4 text-sm text-slate-700">
            {status.enabledAt ? (
              <p>
                On since {dateTime.format(status.enabledAt)} UTC. Recovery codes left: <strong data-testid="recovery-codes-left">{status.recoveryCodesLeft}</strong>
                {status.recoveryCodesLeft <= 3 ? ' — make new ones before they run out.' : '.'}
              </p>
            ) : (
              <p>Anyone with your password can sign in as you. Set up an app so a code from your phone is needed too.</p>
            )}
            {status.required ? <p>Your role requires it: it cannot be turned off. If you lose your phone and your recovery codes, an Admin can reset it.</p> : null}
            <TwoFactorControls on={status.enabledAt !== null} required={status.required} email={user.email} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
