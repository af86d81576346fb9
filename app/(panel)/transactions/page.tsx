import { Download, Inbox } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { PageHeader } from '@/components/shell/page-header';
import { LiveUpdates } from '@/components/transactions/live-updates';
import { TransactionFilters, type FilterChip } from '@/components/transactions/transaction-filters';
import { TransactionTabs } from '@/components/transactions/transaction-tabs';
import { TransactionTotals } from '@/components/transactions/transaction-totals';
import { TransactionsTable } from '@/components/transactions/transactions-table';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NewestFirstPager } from '@/components/ui/newest-first-pager';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { TAB_LABELS, activeFilterCount, filtersOf, parseTransactionParams, resolveAmountRange, transactionSearch, type TransactionListQuery } from '@/lib/transactions/filters';
import { describeCardFilters, listTransactions, loadQueryContext, transactionTotals, type TransactionQueryContext } from '@/lib/transactions/queries';

export const metadata: Metadata = { title: 'Transactions' };

async function TotalsAndTabs({ query, ctx }: { query: TransactionListQuery; ctx: TransactionQueryContext }) {
  const totals = await transactionTotals(filtersOf(query), ctx);
  return (
    <>
      <TransactionTotals totals={totals} />
      <TransactionTabs query={query} counts={totals.tabCounts} />
    </>
  );
}

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('transactions.view');
  const query = parseTransactionParams(await searchParams);
  const ctx = await loadQueryContext();
  const [page, names] = await Promise.all([listTransactions(query, ctx), describeCardFilters(query)]);
  const filterSearch = transactionSearch(filtersOf(query), { page: false });
  const newestHref = `/transactions${filterSearch}`;
  const chips: FilterChip[] = [
    ...(names.card ? [{ label: `Card: ${names.card}`, href: `/transactions${transactionSearch({ ...query, card: null }, { page: false })}` }] : []),
    ...(names.holder ? [{ label: `Cardholder: ${names.holder}`, href: `/transactions${transactionSearch({ ...query, holder: null }, { page: false })}` }] : []),
  ];
  const firstPage = !query.after && !query.before;
  const filtered = activeFilterCount(query) > 0;

  return (
    <>
      <PageHeader
        title="Transactions"
        description="Every card payment Sparados reported, newest first. Pending payments have their money blocked; settled ones are final."
        actions={
          <>
            <Button variant="secondary" asChild>
              <Link href="/transactions/declines">
                <Inbox aria-hidden="true" className="h-4 w-4" /> Decline inbox
              </Link>
            </Button>
            {can(user.role, 'transactions.export') ? (
              <Button variant="secondary" asChild>
                <a href={`/api/transactions/export${filterSearch}`} download>
                  <Download aria-hidden="true" className="h-4 w-4" /> Export CSV
                </a>
              </Button>
            ) : null}
          </>
        }
      />
      <TransactionFilters query={query} categories={ctx.categories.map((c) => ({ key: c.key, label: c.label }))} amountCurrency={ctx.accountCurrency} amountErrors={resolveAmountRange(query, ctx.accountCurrency).errors} chips={chips} />
      <Suspense fallback={<TransactionTabs query={query} counts={null} />}>
        <TotalsAndTabs query={query} ctx={ctx} />
      </Suspense>
      <div className="mb-2">
        <LiveUpdates since={page.generatedAt} filterSearch={filterSearch} firstPage={firstPage} newestHref={newestHref} />
      </div>
      <Card>
        {page.rows.length ? (
          <TransactionsTable rows={page.rows} timeZone={ctx.timeZone} canFix={can(user.role, 'cards.assign')} caption={`${TAB_LABELS[query.tab]} transactions, newest first`} />
        ) : (
          <EmptyState title={filtered || query.tab !== 'all' ? 'No transactions match' : 'No transactions yet'}>
            {filtered || query.tab !== 'all'
              ? 'Change or clear the filters to see more.'
              : 'Transactions appear here as cardholders use their cards: Sparados reports each one and the panel keeps a copy.'}
          </EmptyState>
        )}
        <NewestFirstPager
          newestHref={firstPage ? null : newestHref}
          newerHref={page.prev ? `/transactions${transactionSearch({ ...query, after: null, before: page.prev })}` : null}
          olderHref={page.next ? `/transactions${transactionSearch({ ...query, after: page.next, before: null })}` : null}
        />
      </Card>
    </>
  );
}
