import type { Metadata } from 'next';
import { AutoRefresh } from '@/components/dashboard/auto-refresh';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/session';
import { getDashboard } from '@/lib/dashboard/queries';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requirePermission('dashboard.view');
  const data = await getDashboard();
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome back, ${user.name}. Balances are read from Sparados as the page loads; it refreshes every minute.`} />
      <DashboardView data={data} />
      <AutoRefresh everyMs={60_000} />
    </>
  );
}
