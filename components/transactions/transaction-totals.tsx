import { formatMoney } from '@/lib/money';
import type { TransactionTotals as Totals } from '@/lib/transactions/view-types';

// Totals of the filtered set: how many, and per currency what is pending (blocked) and settled.

export function TransactionTotals({ totals }: { totals: Totals }) {
  return (
    <section aria-label="Totals for the filtered transactions" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="transaction-totals">
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <p className="text-xs text-slate-500">Transactions</p>
        <p className="text-xl font-semibold text-slate-900 tabular-nums" data-testid="total-count">
          {totals.count.toLocaleString('en-GB')}
        </p>
      </div>
      {totals.byCurrency.map((c) => (
        <div key={c.currency} className="rounded-lg border border-slate-200 bg-white px-4 py-3 lg:col-span-3" data-testid={`totals-${c.currency}`}>
          <p className="text-xs text-slate-500">In {c.currency}</p>
          <dl className="mt-1 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">Pending ({c.pendingCount.toLocaleString('en-GB')})</dt>
              <dd className="font-medium text-amber-800 tabular-nums">{formatMoney(BigInt(c.pendingMinor), c.currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Settled ({c.settledCount.toLocaleString('en-GB')})</dt>
              <dd className="font-medium text-emerald-800 tabular-nums">{formatMoney(BigInt(c.settledMinor), c.currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Total spend</dt>
              <dd className="font-semibold text-slate-900 tabular-nums" data-testid={`net-${c.currency}`}>
                {formatMoney(BigInt(c.netMinor), c.currency)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Declined · reversed</dt>
              <dd className="text-slate-700 tabular-nums">
                {c.declinedCount.toLocaleString('en-GB')} · {c.reversedCount.toLocaleString('en-GB')}
              </dd>
            </div>
          </dl>
        </div>
      ))}
    </section>
  );
}
