import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requirePermission('dashboard.view');
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome back, ${user.name}.`} />
      <ComingSoon
        items={[
          'See the account balance available for cards, and what is blocked by pending authorizations',
          'Count active, locked and expiring cards at a glance',
          'Find change requests waiting for an approver',
          'Spot failed or pending operations that need attention',
        ]}
      />
    </>
  );
}
