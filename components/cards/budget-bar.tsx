import { amountOrUnknown, money, spentPercent } from './format';

/**
 * Budget, spent and available, with a bar of what is spent. The compact form (a cards list cell)
 * stacks the three amounts around the bar so the column stays narrow. When Sparados did not report
 * what was spent, the figures say "unknown" and there is no bar (it would claim 0 %).
 */
export function BudgetBar({ budget, spent, available, currency, compact = false }: { budget: string | null; spent: string | null; available: string | null; currency: string | null; compact?: boolean }) {
  const unknown = budget !== null && spent === null;
  const shown = (value: string | null) => (budget === null ? money(value, currency) : amountOrUnknown(value, currency));
  const pct = spentPercent(spent, budget);
  const tone = pct >= 90 ? 'bg-red-500' : pct >= 70 ? 'bg-amber-500' : 'bg-indigo-500';
  const label = `Spent ${shown(spent)} of ${money(budget, currency)}; ${shown(available)} available`;
  const meter = unknown ? (
    <p className="text-xs text-slate-500" data-testid="spent-unknown">
      Sparados did not report what was spent.
    </p>
  ) : (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} className="h-2 w-full overflow-hidden rounded-full bg-slate-200">
      <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
    </div>
  );

  if (compact) {
    return (
      <div className="space-y-1 tabular-nums">
        <div className="text-sm">
          <span className="font-medium text-slate-900">{shown(available)}</span> <span className="text-xs text-slate-500">left</span>
        </div>
        {meter}
        <div className="text-xs text-slate-500">
          Spent {shown(spent)} <span className="whitespace-nowrap">of {money(budget, currency)}</span>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-2" data-testid="budget-summary">
      <div className="grid grid-cols-3 gap-4 text-sm">
        <div>
          <div className="text-xs text-slate-500">Budget</div>
          <div className="font-medium text-slate-900">{money(budget, currency)}</div>
        </div>
        <div>
          <div className="text-xs text-slate-500">Spent</div>
          <div className="font-medium text-slate-900">{shown(spent)}</div>
        </div>
        <div>
          <div className="text-xs text-slate-500">Available</div>
          <div className="font-medium text-slate-900">{shown(available)}</div>
        </div>
      </div>
      {meter}
    </div>
  );
}
