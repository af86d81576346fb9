import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { diffSnapshots, hasSnapshots } from '@/lib/audit/diff';
import { absoluteTime, relativeTime } from '@/lib/audit/format';
import type { AuditEntryView } from '@/lib/audit/view-types';
import { AuditDiff } from './audit-diff';

// The audit log, one entry per item: the sentence first, then who, when, from where and on what,
// and the before/after behind a disclosure. Read-only by design: entries cannot be changed, so
// there is no control here that would try.

function tone(action: string): BadgeTone {
  if (action === 'access.denied' || action === 'auth.locked') return 'danger';
  if (action.startsWith('auth.')) return 'neutral';
  return 'info';
}

function Meta({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 gap-1.5">
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </div>
  );
}

function Entry({ entry, timeZone, now }: { entry: AuditEntryView; timeZone: string; now: Date }) {
  const at = new Date(entry.at);
  const rows = hasSnapshots(entry.before, entry.after) ? diffSnapshots(entry.before, entry.after, { timeZone }) : [];
  const changed = rows.filter((r) => r.change !== 'same').length;
  return (
    <li className="px-5 py-4" data-testid="audit-entry" data-action={entry.action}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 font-medium text-slate-900" data-testid="audit-summary">
          {entry.summary}
        </p>
        <Badge tone={tone(entry.action)} title={entry.action}>
          {entry.actionLabel}
        </Badge>
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <Meta term="Who">
          {entry.actor ? (
            <>
              {entry.actor.name ?? 'Unknown'}
              {entry.actor.email ? <span className="text-slate-500"> · {entry.actor.email}</span> : null}
            </>
          ) : (
            <span className="text-slate-600">Panel (automatic)</span>
          )}
        </Meta>
        <Meta term="When">
          <time dateTime={entry.at} title={`${entry.at} (UTC)`}>
            {absoluteTime(at, timeZone)}
          </time>
          <span className="text-slate-500"> · {relativeTime(at, now)}</span>
        </Meta>
        <Meta term="IP">{entry.ip ?? <span className="text-slate-500">not recorded</span>}</Meta>
        {entry.target ? (
          <Meta term="On">
            {entry.target.href ? (
              <Link href={entry.target.href} className="text-indigo-700 underline-offset-2 hover:underline">
                {entry.target.label}
              </Link>
            ) : (
              entry.target.label
            )}
          </Meta>
        ) : null}
      </dl>
      {rows.length ? (
        <details className="group mt-2">
          <summary className="inline-flex cursor-pointer items-center gap-1 rounded text-sm text-indigo-700 select-none hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            <ChevronRight aria-hidden="true" className="h-4 w-4 transition-transform group-open:rotate-90" />
            {entry.before === null ? `Values recorded (${rows.length})` : `Before and after${changed ? ` (${changed} changed)` : ''}`}
          </summary>
          <div className="mt-2 rounded-md border border-slate-200 p-3">
            <AuditDiff rows={rows} />
          </div>
        </details>
      ) : null}
    </li>
  );
}

export function AuditEntries({ entries, timeZone, now }: { entries: AuditEntryView[]; timeZone: string; now: Date }) {
  return (
    <ol className="divide-y divide-slate-100" aria-label="Audit entries, newest first">
      {entries.map((entry) => (
        <Entry key={entry.id} entry={entry} timeZone={timeZone} now={now} />
      ))}
    </ol>
  );
}
