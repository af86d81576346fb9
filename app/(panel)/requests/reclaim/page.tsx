import type { Metadata } from 'next';
import Link from 'next/link';
import { BulkBudget } from '@/components/budgets/bulk-budget';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { allowanceFor, listIdleCards, MAX_ROWS } from '@/lib/budgets/queries';

export const metadata: Metadata = { title: 'Reclaim idle budget' };

const DEFAULT_DAYS = 30;

function daysFrom(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : DEFAULT_DAYS;
}

export default async function ReclaimPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('requests.view');
  const days = daysFrom((await searchParams).days);
  const cards = await listIdleCards(days);
  const allowance = await allowanceFor(user, []);
  const period = days === 1 ? '1 day' : `${days} days`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/requests" className="underline hover:text-slate-900">
          Requests
        </Link>{' '}
        / Reclaim idle budget
      </nav>
      <PageHeader
        title="Reclaim idle budget"
        description={`Active cards at least ${period} old with budget left and no spend in the last ${period} (read from the card transactions the panel has received and from each approval’s spent figure). Reducing one takes its budget down to what it has spent.`}
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Idle for">
        <label htmlFor="reclaim-days" className="text-sm font-medium text-slate-700">
          No spend in the last
        </label>
        <Input id="reclaim-days" name="days" type="number" min={1} max={3650} defaultValue={days} className="w-24" />
        <span className="pb-2 text-sm text-slate-700">days</span>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
      <Card>
        <BulkBudget key={days} cards={cards} kind="reclaim" allowance={allowance} canAct={can(user.role, 'cards.topup')} emptyText={`No idle cards: no active card at least ${period} old has budget left without any spend in the last ${period}.`} />
      </Card>
      {cards.length === MAX_ROWS ? <p className="mt-2 text-xs text-slate-500">Showing the {MAX_ROWS} cards with the most budget left.</p> : null}
    </>
  );
}
