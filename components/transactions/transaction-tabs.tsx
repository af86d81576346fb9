import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { TAB_LABELS, TRANSACTION_TABS, transactionSearch, type TransactionListQuery, type TransactionTab } from '@/lib/transactions/filters';

// Pending (money blocked) and settled shown apart: one link per tab, each keeping the other filters,
// with how many rows it holds under them (null while the totals load).

export function TransactionTabs({ query, counts }: { query: TransactionListQuery; counts: Record<TransactionTab, number> | null }) {
  return (
    <nav aria-label="Transaction status" className="mb-3 flex flex-wrap gap-1 border-b border-slate-200">
      {TRANSACTION_TABS.map((tab) => {
        const current = query.tab === tab;
        return (
          <Link
            key={tab}
            href={`/transactions${transactionSearch({ ...query, tab }, { page: false })}`}
            aria-current={current ? 'page' : undefined}
            className={cn(
              '-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium',
              current ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
            )}
          >
            {TAB_LABELS[tab]}
            {counts ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 tabular-nums">{counts[tab].toLocaleString('en-GB')}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
