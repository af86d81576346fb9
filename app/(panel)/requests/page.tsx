import type { Metadata } from 'next';
import Link from 'next/link';
import { RequestsInboxView } from '@/components/requests/requests-inbox';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { requirePermission } from '@/lib/auth/session';
import { getRequestsInbox } from '@/lib/requests/queries';
import { getSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Requests' };

export default async function RequestsPage() {
  const user = await requirePermission('requests.view');
  const [inbox, settings] = await Promise.all([getRequestsInbox(), getSettings()]);
  return (
    <>
      <PageHeader
        title="Requests"
        description="Answer cardholders’ change requests and approve budget changes that need a second pair of eyes. The page refreshes by itself."
        actions={
          <Button variant="secondary" asChild>
            <Link href="/requests/reclaim">Reclaim idle budget</Link>
          </Button>
        }
      />
      <RequestsInboxView initial={inbox} role={user.role} userId={user.id} timezone={settings['display.timezone']} />
    </>
  );
}
