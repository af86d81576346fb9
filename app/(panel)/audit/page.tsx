import { Download, ScrollText } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditEntries } from '@/components/audit/audit-entries';
import { AuditFilters } from '@/components/audit/audit-filters';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NewestFirstPager } from '@/components/ui/newest-first-pager';
import { auditSearch, blockingErrors, filtersOf, hasFilters, parseAuditParams } from '@/lib/audit/filters';
import { auditFilterOptions, auditTimeZone, listAuditEvents, prepareAuditFilters, resolveCardFilter } from '@/lib/audit/queries';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('audit.view');
  const { query, errors } = parseAuditParams(await searchParams);
  const filters = filtersOf(query);
  const defaultTimeZone = await auditTimeZone({ tz: null });
  const timeZone = query.tz && !errors.tz ? query.tz : defaultTimeZone;

  const blocking = blockingErrors(errors);
  const prepared = Object.keys(blocking).length ? null : await prepareAuditFilters(filters, timeZone);
  // With other filters unreadable the card is still looked up, so every problem shows at once.
  const card = !prepared && filters.card && !errors.card ? await resolveCardFilter(filters.card) : null;
  const fieldErrors = { ...errors, ...(prepared && !prepared.ok ? prepared.errors : {}), ...(card && !card.ok ? { card: card.message } : {}) };
  const [options, page] = await Promise.all([auditFilterOptions(query), prepared?.ok ? listAuditEvents(query, prepared.where, user) : null]);
  const now = new Date();

  const filterSearch = auditSearch(filters, { page: false });
  const sizeSearch = (extra: Partial<typeof query>) => `/audit${auditSearch({ ...filters, size: query.size, ...extra })}`;
  const firstPage = !query.after && !query.before;
  const cardsShown = prepared?.ok && prepared.cards.length ? prepared.cards : [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in the panel and every refused attempt: who, when, from where, on what, with the values before and after. Entries cannot be changed or deleted."
        actions={
          page ? (
            <Button variant="secondary" asChild>
              <a href={`/api/audit/export${filterSearch}`} download>
                <Download aria-hidden="true" className="h-4 w-4" /> Export CSV
              </a>
            </Button>
          ) : null
        }
      />
      <AuditFilters query={query} errors={fieldErrors} options={options} defaultTimeZone={defaultTimeZone} />

      {page === null ? (
        <Alert tone="error" className="mb-4">
          Some filters cannot be read (see the fields above). Nothing is listed until they are fixed, so the log never shows more than you asked for.
        </Alert>
      ) : null}
      {errors.page || errors.size ? (
        <Alert tone="warning" className="mb-4">
          {errors.page ?? errors.size} Showing the newest entries instead.
        </Alert>
      ) : null}
      {cardsShown.length > 1 || (cardsShown.length === 1 && cardsShown[0]!.id !== query.card) ? (
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>{cardsShown.length === 1 ? 'Card:' : `${cardsShown.length} cards match:`}</span>
          {cardsShown.map((card) => (
            <Link
              key={card.id}
              href={`/audit${auditSearch({ ...filters, card: card.id, size: query.size })}`}
              className="rounded-full bg-indigo-50 px-3 py-1 text-indigo-800 ring-1 ring-indigo-200 hover:bg-indigo-100"
              title={cardsShown.length > 1 ? 'Show only this card' : undefined}
            >
              {card.label}
            </Link>
          ))}
        </div>
      ) : null}
      <p className="mb-2 text-xs text-slate-500">
        Times are shown in {timeZone.replace(/_/g, ' ')}
        {query.tz ? '' : ', the panel’s time zone; applying the filters uses the one chosen above'}.
      </p>

      {page ? (
        <Card>
          {page.entries.length ? (
            <AuditEntries entries={page.entries} timeZone={timeZone} now={now} />
          ) : (
            <EmptyState icon={ScrollText} title={hasFilters(filters) ? 'No entries match' : 'Nothing recorded yet'}>
              {hasFilters(filters) ? 'Change or clear the filters to see more.' : 'Entries appear here as people sign in and make changes.'}
            </EmptyState>
          )}
          <NewestFirstPager
            newestHref={firstPage ? null : sizeSearch({})}
            newerHref={page.prev ? sizeSearch({ before: page.prev }) : null}
            olderHref={page.next ? sizeSearch({ after: page.next }) : null}
          />
        </Card>
      ) : null}
    </>
  );
}
