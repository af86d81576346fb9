import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { DeclineInboxList } from '@/components/transactions/decline-inbox';
import { cn } from '@/components/ui/cn';
import { getMccCategories } from '@/lib/approvals/mcc-settings';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getSettings } from '@/lib/settings/queries';
import { DECLINE_INBOX_DAYS, declineInbox, parseDeclineDays } from '@/lib/transactions/declines';

export const metadata: Metadata = { title: 'Decline inbox' };

const DAY_LABELS: Record<number, string> = { 1: 'Last 24 hours', 7: 'Last 7 days', 30: 'Last 30 days', 90: 'Last 90 days' };

export default async function DeclineInboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('transactions.view');
  const days = parseDeclineDays((await searchParams).days);
  const [inbox, settings] = await Promise.all([declineInbox(days, { categories: await getMccCategories() }), getSettings()]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/transactions" className="underline hover:text-slate-900">
          Transactions
        </Link>{' '}
        / Decline inbox
      </nav>
      <PageHeader
        title="Decline inbox"
        description={`Payments Sparados refused, by card and reason, with the change that would let them through. ${inbox.total.toLocaleString('en-GB')} decline${inbox.total === 1 ? '' : 's'} in the period.`}
      />
      <nav aria-label="Period" className="mb-4 flex flex-wrap gap-2">
        {DECLINE_INBOX_DAYS.map((d) => (
          <Link
            key={d}
            href={d === 7 ? '/transactions/declines' : `/transactions/declines?days=${d}`}
            aria-current={d === days ? 'page' : undefined}
            className={cn('rounded-full px-3 py-1 text-sm ring-1', d === days ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50')}
          >
            {DAY_LABELS[d]}
          </Link>
        ))}
      </nav>
      <DeclineInboxList groups={inbox.groups} timeZone={settings['display.timezone']} canFix={can(user.role, 'cards.assign')} />
    </>
  );
}
