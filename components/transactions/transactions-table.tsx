'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { dateTime } from '@/components/cards/format';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { declineFixHref, declineReasonInfo } from '@/lib/transactions/decline-reasons';
import type { TransactionRow } from '@/lib/transactions/view-types';
import { TransactionAmount } from './amount';
import { TransactionDrawer } from './transaction-drawer';
import { DeclineReasonText, TransactionStatusBadge } from './transaction-status';

// The list's rows. The merchant opens the detail drawer; the open transaction is `?tx=<id>` in the
// URL (pushed with the History API, which Next keeps in step without a server round trip), so a link
// or a reload reopens it and Back closes it.

function withTx(search: URLSearchParams, id: string | null): string {
  const next = new URLSearchParams(search);
  if (id) next.set('tx', id);
  else next.delete('tx');
  const text = next.toString();
  return `${window.location.pathname}${text ? `?${text}` : ''}`;
}

export function TransactionsTable({
  rows,
  timeZone,
  canFix,
  showCard = true,
  caption,
}: {
  rows: TransactionRow[];
  timeZone: string;
  canFix: boolean;
  /** Off on a card's own page, where every row is that card. */
  showCard?: boolean;
  caption: string;
}) {
  const searchParams = useSearchParams();
  const openId = searchParams.get('tx');
  const open = useCallback((id: string) => window.history.pushState(null, '', withTx(new URLSearchParams(window.location.search), id)), []);
  const close = useCallback(() => window.history.pushState(null, '', withTx(new URLSearchParams(window.location.search), null)), []);

  return (
    <>
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Merchant</TableHeaderCell>
            {showCard ? <TableHeaderCell>Cardholder</TableHeaderCell> : null}
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell className="text-right">Amount</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const fix = canFix && row.status === 'DECLINED' ? declineFixHref(row.declineReason, row.cardId) : null;
            return (
              <TableRow key={row.id} data-testid="transaction-row" data-status={row.status} className={row.status === 'DECLINED' ? 'bg-red-50/40' : undefined}>
                <TableCell className="whitespace-nowrap text-slate-600">
                  <time dateTime={row.occurredAt}>{dateTime(row.occurredAt, timeZone)}</time>
                </TableCell>
                <TableCell className="max-w-xs">
                  <button type="button" className="block max-w-full truncate text-left font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => open(row.id)}>
                    {row.merchantName ?? 'Unknown merchant'}
                  </button>
                  <span className="block text-xs text-slate-500">
                    {row.type === 'PURCHASE' ? '' : `${row.type.toLowerCase()} · `}
                    {row.category ?? (row.mcc ? `MCC ${row.mcc}` : '')}
                    {row.merchantCountry && row.merchantCountry !== 'PL' ? ` · ${row.merchantCountry}` : ''}
                  </span>
                </TableCell>
                {showCard ? (
                  <TableCell>
                    {row.holder ? (
                      <Link href={`/cards/${row.cardId}`} className="hover:underline">
                        {row.holder.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500">Not in the panel</span>
                    )}
                    <span className="block text-xs text-slate-500">
                      {row.cardDescription ?? ''}
                      {row.cardLast4 ? ` ·· ${row.cardLast4}` : ''}
                    </span>
                  </TableCell>
                ) : null}
                <TableCell>
                  <TransactionStatusBadge status={row.status} raw={row.statusRaw} />
                  {row.status === 'DECLINED' ? (
                    <span className="mt-1 block">
                      <DeclineReasonText reason={row.declineReason} />
                      {fix ? (
                        <Link href={fix} className="ml-2 text-xs font-medium text-indigo-700 underline" aria-label={`${declineReasonInfo(row.declineReason).fix?.label} (${row.holder?.name ?? 'card'})`}>
                          Fix
                        </Link>
                      ) : null}
                    </span>
                  ) : null}
                </TableCell>
                <TableCell className="text-right">
                  <TransactionAmount row={row} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <TransactionDrawer id={openId} row={rows.find((r) => r.id === openId) ?? null} timeZone={timeZone} canFix={canFix} onClose={close} />
    </>
  );
}
