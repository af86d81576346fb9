import { formatMoney } from '@/lib/money';
import { cn } from '@/components/ui/cn';
import type { TransactionRow } from '@/lib/transactions/view-types';

// The amount charged in the account currency, and beneath it the amount in the currency the payment
// was made in when that differs. A declined or reversed amount never moved money: shown struck out.

export function TransactionAmount({ row, className }: { row: Pick<TransactionRow, 'amountMinor' | 'currency' | 'foreign' | 'status'>; className?: string }) {
  const noMoney = row.status === 'DECLINED' || row.status === 'REVERSED';
  const amount = BigInt(row.amountMinor);
  return (
    <span className={cn('inline-flex flex-col items-end tabular-nums', className)}>
      <span className={cn('font-medium whitespace-nowrap', amount < 0n ? 'text-emerald-700' : 'text-slate-900', noMoney && 'text-slate-400 line-through')}>
        {formatMoney(amount, row.currency)}
      </span>
      {row.foreign ? (
        <span className="text-xs whitespace-nowrap text-slate-500" title="Amount in the currency of the payment">
          {formatMoney(BigInt(row.foreign.amountMinor), row.foreign.currency)}
        </span>
      ) : null}
    </span>
  );
}
