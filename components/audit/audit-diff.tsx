import { cn } from '@/components/ui/cn';
import type { DiffChange, DiffRow } from '@/lib/audit/diff';

// Before and after of one entry, one row per value; changed rows are marked in colour and in words
// (screen readers hear "changed", not a colour).

const CHANGE_TEXT = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  same: 'unchanged',
} as const satisfies Record<DiffChange, string>;

export function AuditDiff({ rows }: { rows: DiffRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="audit-diff">
        <thead className="text-xs tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-1.5 pr-4 font-medium">
              Field
            </th>
            <th scope="col" className="py-1.5 pr-4 font-medium">
              Before
            </th>
            <th scope="col" className="py-1.5 pr-4 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const marked = row.change !== 'same';
            return (
              <tr key={row.path} data-change={row.change} className={cn(marked && 'bg-amber-50')}>
                <th scope="row" className={cn('py-1.5 pr-4 font-mono text-xs font-normal text-slate-700', marked && 'font-semibold text-slate-900')}>
                  {row.path}
                  {marked ? <span className="ml-2 rounded bg-amber-200 px-1 py-px font-sans text-[11px] text-amber-900">{CHANGE_TEXT[row.change]}</span> : <span className="sr-only"> (unchanged)</span>}
                </th>
                <td className={cn('py-1.5 pr-4 break-all text-slate-600', row.change === 'changed' && 'text-red-800')}>{row.before ?? <span className="text-slate-400">—</span>}</td>
                <td className={cn('py-1.5 pr-4 break-all text-slate-800', marked && 'font-medium text-emerald-900')}>
                  {row.after ?? <span className="text-slate-400">—</span>}
                  {row.delta ? <span className="ml-2 text-xs text-slate-600">({row.delta})</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
