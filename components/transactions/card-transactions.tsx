import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { can, type Role } from '@/lib/auth/permissions';
import { formatMoney } from '@/lib/money';
import { filtersOf, parseTransactionParams, transactionSearch } from '@/lib/transactions/filters';
import { listTransactions, loadQueryContext, transactionTotals } from '@/lib/transactions/queries';
import { LiveUpdates } from './live-updates';
import { TransactionsTable } from './transactions-table';

// A card's own transactions on its page: the newest few, what is pending and settled, and a link to
// the full filtered list. A server component: drop it into the card page with the card's panel id.

const SHOWN = 10;

export async function CardTransactions({ cardId, role }: { cardId: string; role: Role }) {
  if (!can(role, 'transactions.view')) return null;
  const query = { ...parseTransactionParams({ card: cardId }), size: SHOWN };
  const ctx = await loadQueryContext();
  const [page, totals] = await Promise.all([listTransactions(query, ctx), transactionTotals(filtersOf(query), ctx)]);
  const search = transactionSearch(filtersOf(query), { page: false });
  return (
    <Card aria-labelledby="card-transactions-title" data-testid="card-transactions">
      <CardHeader>
        <div>
          <CardTitle id="card-transactions-title">Transactions</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            {totals.count === 0
              ? 'No transactions on this card yet.'
              : totals.byCurrency
                  .map((c) => `${formatMoney(BigInt(c.pendingMinor), c.currency)} pending, ${formatMoney(BigInt(c.settledMinor), c.currency)} settled`)
                  .join('; ')}
            {totals.tabCounts.declined ? ` · ${totals.tabCounts.declined} declined` : ''}
          </p>
        </div>
        {totals.count > 0 ? (
          <Link href={`/transactions${search}`} className="text-sm font-medium text-indigo-700 underline">
            All {totals.count.toLocaleString('en-GB')} transactions of this card
          </Link>
        ) : null}
      </CardHeader>
      <CardContent className="space-y-2 px-0 py-0">
        <div className="px-5 pt-3">
          <LiveUpdates since={page.generatedAt} filterSearch={search} firstPage newestHref={`/transactions${search}`} />
        </div>
        {page.rows.length ? <TransactionsTable rows={page.rows} timeZone={ctx.timeZone} canFix={can(role, 'cards.assign')} showCard={false} caption="Newest transactions of this card" /> : null}
      </CardContent>
    </Card>
  );
}
