import type { Metadata } from 'next';
import Link from 'next/link';
import { BulkBudget } from '@/components/budgets/bulk-budget';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { allowanceFor, listBudgetCards, MAX_ROWS } from '@/lib/budgets/queries';

export const metadata: Metadata = { title: 'Change budgets' };

export default async function BulkBudgetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('cards.view');
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 100) ?? '';
  const cards = await listBudgetCards(q);
  const allowance = await allowanceFor(user, cards.map((c) => c.cardId));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/cards" className="underline hover:text-slate-900">
          Cards
        </Link>{' '}
        / Change budgets
      </nav>
      <PageHeader
        title="Change budgets"
        description="Top up, reduce or set the available amount of many active cards at once. Each card is checked on its own: a reduction below what is spent is refused, and a top-up above what you may add alone (the budget policy) waits for a second approver."
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label="Find cards">
        <label className="sr-only" htmlFor="budget-q">
          Search cards
        </label>
        <Input id="budget-q" name="q" defaultValue={q} placeholder="Name, e-mail, phone, description" className="w-80" />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <Card>
        <BulkBudget
          key={q}
          cards={cards}
          kind="bulk"
          allowance={allowance}
          canAct={can(user.role, 'cards.topup')}
          emptyText={q ? 'No active card matches this search.' : 'No active cards: only a redeemed card that is not locked can change its budget.'}
        />
      </Card>
      {cards.length === MAX_ROWS ? <p className="mt-2 text-xs text-slate-500">Showing the first {MAX_ROWS} cards; search to narrow the list.</p> : null}
    </>
  );
}
