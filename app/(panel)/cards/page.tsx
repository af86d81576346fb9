import type { Metadata } from 'next';
import Link from 'next/link';
import { CardsFilters } from '@/components/cards/cards-filters';
import { CardsList } from '@/components/cards/cards-list';
import { PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cardListSearch, parseCardListParams } from '@/lib/approvals/list-params';
import { cardListFacets, listCards } from '@/lib/approvals/queries';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Cards' };

export default async function CardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('cards.view');
  const query = parseCardListParams(await searchParams);
  const [page, facets] = await Promise.all([listCards(query), cardListFacets()]);
  const filtered = cardListSearch({ ...query, sort: undefined, dir: undefined, size: undefined, after: null, before: null }) !== '';
  return (
    <>
      <PageHeader
        title="Cards"
        description="Every corporate card assigned through Sparados, one row per card across its reapprovals. The list refreshes by itself."
        actions={
          <>
            {can(user.role, 'cards.topup') ? (
              <Button variant="secondary" asChild>
                <Link href="/cards/budgets">Change budgets</Link>
              </Button>
            ) : null}
            {can(user.role, 'cards.assign') ? (
              <Button asChild>
                <Link href="/cards/new">Assign a card</Link>
              </Button>
            ) : null}
          </>
        }
      />
      <CardsFilters query={query} accounts={facets.accounts} tags={facets.tags} />
      <Card>
        <CardsList key={cardListSearch(query)} initial={page} query={query} timezone={facets.timezone} filtered={filtered} />
      </Card>
    </>
  );
}
