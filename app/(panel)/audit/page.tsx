import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage() {
  await requirePermission('audit.view');
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, when and from where." />
      <ComingSoon
        items={[
          'Read every change made in the panel, newest first',
          'Filter by person, action, card or date',
          'See the before and after of each change',
        ]}
      />
    </>
  );
}
