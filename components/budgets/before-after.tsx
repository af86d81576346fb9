import { formatMoneyOrUnknown } from '@/lib/money';
import type { BudgetFiguresJson } from '@/lib/budgets/math';
import { cn } from '@/components/ui/cn';

// Budget, spent and available now and after a change, side by side: what every budget form shows
// before it sends anything. A figure Sparados did not report reads "unknown".

const ROWS = [
  ['Budget', 'budgetMinor'],
  ['Spent', 'spentMinor'],
  ['Available', 'availableMinor'],
] as const;

export function BeforeAfter({ before, after, currency, className }: { before: BudgetFiguresJson; after: BudgetFiguresJson | null; currency: string; className?: string }) {
  return (
    <table className={cn('w-full text-sm', className)} data-testid="budget-before-after">
      <caption className="sr-only">Budget before and after the change</caption>
      <thead>
        <tr className="text-xs text-slate-500">
          <th scope="col" className="py-1 text-left font-medium" />
          <th scope="col" className="py-1 text-right font-medium">Now</th>
          <th scope="col" className="py-1 text-right font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, key]) => {
          const changed = after !== null && after[key] !== before[key];
          return (
            <tr key={key} className="border-t border-slate-100">
              <th scope="row" className="py-1 text-left font-normal text-slate-600">
                {label}
              </th>
              <td className="py-1 text-right text-slate-900 tabular-nums">{formatMoneyOrUnknown(before[key], currency)}</td>
              <td className={cn('py-1 text-right tabular-nums', changed ? 'font-semibold text-indigo-700' : 'text-slate-900')}>{after ? formatMoneyOrUnknown(after[key], currency) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
