import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { money, validity } from '@/components/cards/format';
import { localDate } from '@/lib/approvals/validity';
import type { ChangeRequestView } from '@/lib/requests/view-types';

// The current approval and the request side by side: budget, end date and limits, changed rows marked.

function Row({ label, now, asked, changed }: { label: string; now: React.ReactNode; asked: React.ReactNode; changed: boolean }) {
  return (
    <tr className={cn('border-t border-slate-100 align-top', changed && 'bg-amber-50/70')} data-changed={changed || undefined}>
      <th scope="row" className="py-1.5 pr-3 text-left font-normal whitespace-nowrap text-slate-600">
        {label}
        {changed ? (
          <Badge tone="warning" className="ml-2">
            changed
          </Badge>
        ) : null}
      </th>
      <td className="py-1.5 pr-3 text-slate-800">{now}</td>
      <td className={cn('py-1.5', changed ? 'font-semibold text-slate-900' : 'text-slate-800')}>{asked}</td>
    </tr>
  );
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <ul className="space-y-0.5">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

export function RequestDiff({ request }: { request: ChangeRequestView }) {
  const { current, requested, currency, changed } = request;
  return (
    <table className="w-full text-sm" data-testid="request-diff">
      <caption className="sr-only">Current approval and the change requested</caption>
      <thead>
        <tr className="text-xs text-slate-500">
          <th scope="col" className="py-1 text-left font-medium" />
          <th scope="col" className="py-1 text-left font-medium">Now</th>
          <th scope="col" className="py-1 text-left font-medium">Requested</th>
        </tr>
      </thead>
      <tbody>
        <Row label="Budget" now={current ? money(current.budgetMinor, currency) : 'not known yet'} asked={money(requested.budgetMinor, currency)} changed={changed.budget} />
        <Row
          label="End date"
          now={current ? localDate(new Date(current.endDate), current.timezone) : '—'}
          asked={localDate(new Date(requested.endDate), requested.timezone)}
          changed={changed.endDate}
        />
        <Row label="Validity" now={current ? validity(current.startDate, current.endDate, current.timezone) : '—'} asked={validity(requested.startDate, requested.endDate, requested.timezone)} changed={false} />
        <Row label="Limits" now={current ? <Lines lines={current.limits} /> : '—'} asked={<Lines lines={requested.limits} />} changed={changed.limits} />
      </tbody>
    </table>
  );
}
