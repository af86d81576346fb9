import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Requests' };

export default async function RequestsPage() {
  await requirePermission('requests.view');
  return (
    <>
      <PageHeader title="Requests" description="Change requests (reapprovals) sent by cardholders." />
      <ComingSoon
        items={[
          'See pending change requests with what the cardholder asked for',
          'Compare the request with the current budget and limits',
          'Accept or reject requests (approvers)',
        ]}
      />
    </>
  );
}
