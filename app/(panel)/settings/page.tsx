import { ChevronRight, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountsVisualsEditor } from '@/components/settings/accounts-visuals';
import { LowBalanceThresholdForm } from '@/components/settings/low-balance-threshold';
import { MccCategoriesEditor } from '@/components/settings/mcc-categories';
import { BudgetPolicyForm } from '@/components/settings/budget-policy';
import { listBudgetChanges } from '@/lib/budgets/held-changes';
import { readBudgetPolicy } from '@/lib/budgets/policy-store';
import { SparadosConnection } from '@/components/settings/sparados-connection';
import { SparadosContractForm } from '@/components/settings/sparados-contract';
import { RevealRoleForm } from '@/components/settings/reveal-role';
import { getRevealRole } from '@/lib/card-details/reveal-role';
import { db } from '@/lib/db';
import { SyncHealthSection } from '@/components/settings/sync-health';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/session';
import { IP_FAILURE_FACTOR } from '@/lib/auth/throttle-policy';
import { getEnv, oidcEnabled } from '@/lib/env';
import { getAccountsEditorData, getMccCategoriesEditorData } from '@/lib/settings/catalog-queries';
import { getSettings } from '@/lib/settings/queries';
import { testSparadosConnectionAction } from '@/lib/sparados/actions';
import { getSparadosConnectionInfo } from '@/lib/sparados/connection-info';
import { getContractType } from '@/lib/sparados/contract';
import { primaryCurrency } from '@/lib/transactions/queries';
import { can } from '@/lib/auth/permissions';
import { resyncTransactionsAction } from '@/lib/webhooks/actions';
import { getSyncHealth } from '@/lib/webhooks/health';

export const metadata: Metadata = { title: 'Settings' };

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

function minutes(value: number): string {
  return value % 60 === 0 ? `${value / 60} h` : `${value} min`;
}

export default async function SettingsPage() {
  const user = await requirePermission('settings.view');
  const env = getEnv();
  const [settings, mccCategories, accounts, policy, changes, contract, revealRole] = await Promise.all([
    getSettings(),
    getMccCategoriesEditorData(),
    getAccountsEditorData(),
    readBudgetPolicy(),
    listBudgetChanges(),
    getContractType(),
    getRevealRole(db),
  ]);
  const connection = getSparadosConnectionInfo();
  const canManage = can(user.role, 'settings.manage');
  // Limits and thresholds are minor units of the corporation's balance currency (sandbox: its fixture's).
  const currency = await primaryCurrency();

  return (
    <>
      <PageHeader title="Settings" description="Who can use the panel, how it behaves, and how it reaches Sparados." />
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Admin users</CardTitle>
              <CardDescription>Invite people, change their roles, disable accounts.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <Link
              href="/settings/users"
              className="flex items-center justify-between rounded-md border border-slate-200 px-4 py-3 text-sm font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span className="flex items-center gap-3">
                <Users aria-hidden="true" className="h-5 w-5 text-slate-500" />
                Manage admin users
              </span>
              <ChevronRight aria-hidden="true" className="h-4 w-4 text-slate-400" />
            </Link>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <div>
              <CardTitle>Application</CardTitle>
              <CardDescription>Organisation defaults and sign-in policy. Sign-in policy comes from the server configuration.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <dl className="divide-y divide-slate-100">
              <Row term="Organisation">{settings['organization.name']}</Row>
              <Row term="Display time zone">{settings['display.timezone']}</Row>
              <Row term="Session length">{minutes(env.SESSION_MAX_AGE_MINUTES)} from sign-in</Row>
              <Row term="Failed sign-ins">
                {env.LOGIN_MAX_FAILURES} per e-mail ({env.LOGIN_MAX_FAILURES * IP_FAILURE_FACTOR} per network address) lock sign-in for{' '}
                {minutes(env.LOGIN_LOCK_MINUTES)}
              </Row>
              <Row term="Single sign-on">
                {oidcEnabled(env) ? (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <Badge tone="success">On</Badge> {env.AUTH_OIDC_NAME} ({env.AUTH_OIDC_ISSUER});{' '}
                    {env.AUTH_OIDC_ALLOW_NEW_USERS
                      ? `new users from ${env.AUTH_OIDC_ALLOWED_DOMAINS.join(', ')} start as ${env.AUTH_OIDC_DEFAULT_ROLE.toLowerCase()}`
                      : 'invited users only'}
                  </span>
                ) : (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <Badge>Off</Badge> Set AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET to turn it on
                  </span>
                )}
              </Row>
            </dl>
          </CardContent>
        </Card>
        <BudgetPolicyForm
          policy={policy.policy}
          revision={policy.revision}
          currency={currency}
          canManage={canManage}
          pending={changes.waiting.filter((c) => c.kind === 'POLICY')}
          userId={user.id}
          role={user.role}
          timezone={settings['display.timezone']}
        />
        <LowBalanceThresholdForm thresholdMinor={settings['alerts.lowBalanceMinor']} currency={currency} canManage={canManage} />
        <MccCategoriesEditor {...mccCategories} canManage={canManage} />
        <AccountsVisualsEditor {...accounts} environment={connection.environment} canManage={canManage} />
        <SparadosContractForm contract={contract} canManage={canManage} />
        <RevealRoleForm role={revealRole} canManage={canManage} fullApi={contract === 'FULL'} />
        <SparadosConnection info={connection} contract={contract} testAction={testSparadosConnectionAction} />
        <SyncHealthSection health={await getSyncHealth()} canResync={canManage} resyncAction={resyncTransactionsAction} />
      </div>
    </>
  );
}
