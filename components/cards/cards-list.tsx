'use client';

import { useQuery } from '@tanstack/react-query';
import { CreditCard } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { cardListSearch, type CardListQuery } from '@/lib/approvals/list-params';
import { cardStatusOf } from '@/lib/approvals/state-machine';
import type { CardListPage, CardListRow } from '@/lib/approvals/view-types';
import { BudgetBar } from './budget-bar';
import { dateAndTime, dateTime, validity, validityDates } from './format';
import { ApprovalStatusBadge, CardStatusBadge } from './status-badges';

// The list refreshes on its own: it polls the same query as JSON, so changes seen by sync (a
// redemption, a lock in Sparados, a change request) appear without a reload.

const REFRESH_MS = 10_000;

async function fetchPage(search: string): Promise<CardListPage> {
  const response = await fetch(`/api/cards${search}`, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`cards list: HTTP ${response.status}`);
  return (await response.json()) as CardListPage;
}

export function CardsList({ initial, query, timezone, filtered }: { initial: CardListPage; query: CardListQuery; timezone: string; filtered: boolean }) {
  const search = cardListSearch(query);
  const { data, isError, dataUpdatedAt } = useQuery({
    queryKey: ['cards', search],
    queryFn: () => fetchPage(search),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
  });
  const page = data ?? initial;

  if (page.rows.length === 0) {
    return (
      <EmptyState icon={CreditCard} title={filtered ? 'No cards match these filters' : 'No cards yet'}>
        {filtered ? 'Change or clear the filters to see more cards.' : 'Assigned cards appear here, together with cards found in Sparados by the sync.'}
      </EmptyState>
    );
  }

  return (
    <div className="@container">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 text-sm text-slate-600">
        <span>
          {page.total.toLocaleString('en-GB')} {page.total === 1 ? 'card' : 'cards'}
        </span>
        <span aria-live="polite" className={isError ? 'text-amber-700' : 'text-slate-400'}>
          {isError ? 'Could not refresh; showing the last known state.' : `Updated ${dateTime(new Date(dataUpdatedAt).toISOString(), timezone)}`}
        </span>
      </div>
      {/* Fixed layout: the four narrow columns keep their widths (narrower when the list itself is
          narrow: a container query, as the sidebar takes its share) and the cardholder column takes
          the rest, truncating long text. So the list fits beside the sidebar from 1024 px and without
          it from 768 px; on a phone the table scrolls sideways inside its focusable region. */}
      <Table scrollLabel="Cards table" className="min-w-[43rem] table-fixed">
        <TableCaption>Cards</TableCaption>
        <TableHead>
          <TableRow>
            <TableHeaderCell className="px-3 whitespace-normal">Cardholder and card</TableHeaderCell>
            <TableHeaderCell className="w-40 px-3 @4xl:w-52">Budget</TableHeaderCell>
            <TableHeaderCell className="w-28 px-3 @4xl:w-32">Validity</TableHeaderCell>
            <TableHeaderCell className="w-36 px-3 @4xl:w-44">Status</TableHeaderCell>
            <TableHeaderCell className="w-28 px-3 whitespace-normal @4xl:w-32">Last activity</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.rows.map((row) => (
            <CardRow key={row.id} row={row} timezone={timezone} />
          ))}
        </TableBody>
      </Table>
      <nav aria-label="Pages" className="flex items-center justify-between gap-2 border-t border-slate-200 px-4 py-3">
        {page.prev ? (
          <Button variant="secondary" size="sm" asChild>
            <Link href={`/cards${cardListSearch({ ...query, after: null, before: page.prev })}`} rel="prev">
              ← Previous
            </Link>
          </Button>
        ) : (
          <span />
        )}
        {page.next ? (
          <Button variant="secondary" size="sm" asChild>
            <Link href={`/cards${cardListSearch({ ...query, before: null, after: page.next })}`} rel="next">
              Next →
            </Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}

function CardRow({ row, timezone }: { row: CardListRow; timezone: string }) {
  const contact = [row.holder.email, row.holder.phone].filter(Boolean).join(' · ');
  const dates = validityDates(row.startDate, row.endDate, row.timezone);
  const activity = dateAndTime(row.lastActivityAt, timezone);
  const hasCardStatus = row.status === 'DELIVERED' && cardStatusOf(row.cardStatus) !== null;
  return (
    <TableRow data-testid="card-row" className="align-top">
      <TableCell className="px-3">
        <Link href={`/cards/${row.id}`} title={row.holder.name} className="inline-block max-w-full truncate align-top font-medium text-indigo-700 underline-offset-2 hover:underline">
          {row.holder.name}
        </Link>
        <div className="flex min-w-0 gap-1 text-xs text-slate-500" title={contact}>
          <span className="truncate">{row.holder.email}</span>
          {row.holder.phone ? <span className="shrink-0">· {row.holder.phone}</span> : null}
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-1">
          {row.description ? (
            <span className="max-w-full truncate text-slate-700" title={row.description}>
              {row.description}
            </span>
          ) : (
            <span className="text-slate-400">No description</span>
          )}
          {row.tags.map((t) => (
            <Badge key={t}>{t}</Badge>
          ))}
        </div>
      </TableCell>
      <TableCell className="px-3">
        <BudgetBar compact budget={row.budgetMinor} spent={row.spentMinor} available={row.availableMinor} currency={row.currency} />
      </TableCell>
      <TableCell className="px-3 text-xs tabular-nums @4xl:text-sm" title={dates && row.timezone ? `${validity(row.startDate, row.endDate, row.timezone)} (${row.timezone})` : undefined}>
        {dates ? (
          <>
            <div>{dates.start}</div>
            <div>
              <span className="text-xs text-slate-500">to</span> {dates.end}
            </div>
          </>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </TableCell>
      <TableCell className="px-3" data-testid="card-row-status">
        <div className="flex flex-col items-start gap-1">
          <ApprovalStatusBadge status={row.status} />
          {hasCardStatus ? <CardStatusBadge status={row.status} cardStatus={row.cardStatus} /> : null}
          {row.pendingRequest ? <Badge tone="warning">Change requested</Badge> : null}
          {row.awaitingSecondApprover ? <Badge tone="warning">Waiting for a second approver</Badge> : null}
        </div>
      </TableCell>
      <TableCell className="px-3 text-xs text-slate-600 tabular-nums @4xl:text-sm">
        <time dateTime={row.lastActivityAt} title={dateTime(row.lastActivityAt, timezone)}>
          <span className="block">{activity.date}</span>
          <span className="block text-xs text-slate-500">{activity.time}</span>
        </time>
      </TableCell>
    </TableRow>
  );
}
