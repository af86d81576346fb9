'use client';

import { useQuery } from '@tanstack/react-query';
import { CreditCard } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { cardListSearch, type CardListQuery } from '@/lib/approvals/list-params';
import type { CardListPage } from '@/lib/approvals/view-types';
import { BudgetBar } from './budget-bar';
import { dateTime, validity } from './format';
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
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 text-sm text-slate-600">
        <span>
          {page.total.toLocaleString('en-GB')} {page.total === 1 ? 'card' : 'cards'}
        </span>
        <span aria-live="polite" className={isError ? 'text-amber-700' : 'text-slate-400'}>
          {isError ? 'Could not refresh; showing the last known state.' : `Updated ${dateTime(new Date(dataUpdatedAt).toISOString(), timezone)}`}
        </span>
      </div>
      <Table>
        <TableCaption>Cards</TableCaption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Cardholder</TableHeaderCell>
            <TableHeaderCell>Description</TableHeaderCell>
            <TableHeaderCell>Budget</TableHeaderCell>
            <TableHeaderCell>Validity</TableHeaderCell>
            <TableHeaderCell>Approval</TableHeaderCell>
            <TableHeaderCell>Card</TableHeaderCell>
            <TableHeaderCell>Last activity</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.rows.map((row) => (
            <TableRow key={row.id} data-testid="card-row">
              <TableCell>
                <Link href={`/cards/${row.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                  {row.holder.name}
                </Link>
                <div className="text-xs text-slate-500">{row.holder.email}</div>
                {row.holder.phone ? <div className="text-xs text-slate-500">{row.holder.phone}</div> : null}
              </TableCell>
              <TableCell className="max-w-56">
                <div className="truncate">{row.description ?? <span className="text-slate-400">—</span>}</div>
                {row.tags.length ? (
                  <div className="mt-1 flex flex-wrap gap-1">
                    {row.tags.map((t) => (
                      <Badge key={t}>{t}</Badge>
                    ))}
                  </div>
                ) : null}
              </TableCell>
              <TableCell>
                <BudgetBar compact budget={row.budgetMinor} spent={row.spentMinor} available={row.availableMinor} currency={row.currency} />
              </TableCell>
              <TableCell className="whitespace-nowrap">{validity(row.startDate, row.endDate, row.timezone)}</TableCell>
              <TableCell>
                <div className="flex flex-col items-start gap-1">
                  <ApprovalStatusBadge status={row.status} />
                  {row.pendingRequest ? <Badge tone="warning">Change requested</Badge> : null}
                </div>
              </TableCell>
              <TableCell>
                <CardStatusBadge status={row.status} cardStatus={row.cardStatus} />
              </TableCell>
              <TableCell className="whitespace-nowrap text-slate-600">{dateTime(row.lastActivityAt, timezone)}</TableCell>
            </TableRow>
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
