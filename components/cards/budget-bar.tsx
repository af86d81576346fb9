import { money, spentPercent } from './format';

/** Budget, spent and available, with a bar of what is spent. */
export function BudgetBar({ budget, spent, available, currency, compact = false }: { budget: string | null; spent: string | null; available: string | null; currency: string | null; compact?: boolean }) {
  const pct = spentPercent(spent, budget);
  const tone = pct >= 90 ? 'bg-red-500' : pct >= 70 ? 'bg-amber-500' : 'bg-indigo-500';
  const label = `Spent ${money(spent, currency)} of ${money(budget, currency)}; ${money(available, currency)} available`;
  return (
    <div className={compact ? 'min-w-40 space-y-1' : 'space-y-2'} data-testid={compact ? undefined : 'budget-summary'}>
      <div className={compact ? 'flex justify-between gap-2 text-xs text-slate-600' : 'grid grid-cols-3 gap-4 text-sm'}>
        {compact ? (
          <>
            <span>{money(available, currency)} left</span>
            <span className="text-slate-400">of {money(budget, currency)}</span>
          </>
        ) : (
          <>
            <div>
              <div className="text-xs text-slate-500">Budget</div>
              <div className="font-medium text-slate-900">{money(budget, currency)}</div>
            </div>
            <div>
              <div className="text-xs text-slate-500">Spent</div>
              <div className="font-medium text-slate-900">{money(spent, currency)}</div>
            </div>
            <div>
              <div className="text-xs text-slate-500">Available</div>
              <div className="font-medium text-slate-900">{money(available, currency)}</div>
            </div>
          </>
        )}
      </div>
      <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} className="h-2 w-full overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
