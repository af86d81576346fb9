'use client';

import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import Link from 'next/link';
import { Dialog as RadixDialog } from 'radix-ui';
import { dateTime } from '@/components/cards/format';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { declineFixHref, declineReasonInfo } from '@/lib/transactions/decline-reasons';
import type { TransactionDetail, TransactionRow } from '@/lib/transactions/view-types';
import { TransactionAmount } from './amount';
import { TransactionStatusBadge } from './transaction-status';

// A side sheet with everything the mirror knows about one transaction, the records sharing its THC id
// (a purchase and its refund) and, for a decline, the reason in words with its fix. Radix Dialog gives
// the focus trap, Escape and aria-modal; the list's row shows at once, the detail loads beside it.

async function fetchDetail(id: string): Promise<TransactionDetail> {
  const response = await fetch(`/api/transactions/${id}`, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(response.status === 404 ? 'This transaction is no longer in the mirror.' : `Could not load the transaction (HTTP ${response.status}).`);
  return (await response.json()) as TransactionDetail;
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2">
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="col-span-2 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** `id` opens the sheet; `row` (the list's copy, when it has one) shows while the detail loads. */
export function TransactionDrawer({ id, row, timeZone, canFix, onClose }: { id: string | null; row: TransactionRow | null; timeZone: string; canFix: boolean; onClose: () => void }) {
  const detail = useQuery({ queryKey: ['transaction', id], queryFn: () => fetchDetail(id!), enabled: Boolean(id), staleTime: 5_000 });
  const shown: TransactionRow | TransactionDetail | null = detail.data ?? (row && row.id === id ? row : null);
  const reason = shown?.status === 'DECLINED' ? declineReasonInfo(shown.declineReason) : null;
  const fixHref = shown && canFix && shown.status === 'DECLINED' ? declineFixHref(shown.declineReason, shown.cardId) : null;

  return (
    <RadixDialog.Root open={Boolean(id)} onOpenChange={(open) => (open ? undefined : onClose())}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <RadixDialog.Content className="fixed inset-y-0 right-0 z-50 flex w-full max-w-md flex-col overflow-y-auto bg-white shadow-xl focus:outline-none" aria-describedby={undefined}>
          {shown ? (
            <>
              <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
                <div className="min-w-0">
                  <RadixDialog.Title className="truncate text-lg font-semibold text-slate-900">{shown.merchantName ?? 'Unknown merchant'}</RadixDialog.Title>
                  <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
                    <TransactionStatusBadge status={shown.status} raw={shown.statusRaw} /> {shown.type.toLowerCase()} · {dateTime(shown.occurredAt, timeZone)}
                  </p>
                </div>
                <RadixDialog.Close className="rounded-md p-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label="Close">
                  <X aria-hidden="true" className="h-5 w-5" />
                </RadixDialog.Close>
              </div>
              <div className="space-y-4 px-5 py-4">
                <TransactionAmount row={shown} className="items-start text-2xl" />
                {reason ? (
                  <div className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" data-testid="decline-reason">
                    <p className="text-sm font-medium text-red-800">{reason.title}</p>
                    <p className="text-sm text-red-800">{reason.explanation}</p>
                    {fixHref ? (
                      <Button size="sm" asChild>
                        <Link href={fixHref}>{reason.fix?.label}</Link>
                      </Button>
                    ) : null}
                  </div>
                ) : null}
                <dl className="divide-y divide-slate-100">
                  <Row term="Cardholder">
                    {shown.holder ? (
                      <Link className="underline" href={`/transactions?holder=${shown.holder.id}`}>
                        {shown.holder.name}
                      </Link>
                    ) : (
                      'Not linked to a card in the panel'
                    )}
                    {shown.holder?.email ? <span className="block text-xs text-slate-500">{shown.holder.email}</span> : null}
                  </Row>
                  <Row term="Card">
                    {shown.cardId ? (
                      <Link className="underline" href={`/cards/${shown.cardId}`}>
                        {shown.cardDescription ?? 'Card'}
                        {shown.cardLast4 ? ` ·· ${shown.cardLast4}` : ''}
                      </Link>
                    ) : shown.cardLast4 ? (
                      `·· ${shown.cardLast4}`
                    ) : (
                      '—'
                    )}
                  </Row>
                  <Row term="Merchant category">
                    {shown.mcc ?? '—'}
                    {shown.category ? ` · ${shown.category}` : ''}
                  </Row>
                  <Row term="Merchant country">{shown.merchantCountry ?? '—'}</Row>
                  {shown.foreign ? (
                    <Row term="Paid in">
                      {shown.foreign.currency}, charged to the account in {shown.currency}
                    </Row>
                  ) : null}
                  <Row term="Transaction id">
                    <span className="font-mono text-xs">{shown.sparadosId}</span>
                  </Row>
                  <Row term="Approval id">
                    <span className="font-mono text-xs">{shown.approvalSparadosId ?? '—'}</span>
                  </Row>
                  <Row term="Status from Sparados">
                    {shown.statusRaw}, updated {dateTime(shown.sparadosUpdatedAt, timeZone)}
                  </Row>
                  <Row term="Mirrored">{dateTime(shown.syncedAt, timeZone)}</Row>
                </dl>
                <section aria-labelledby="related-title">
                  <h3 id="related-title" className="mb-2 text-sm font-medium text-slate-900">
                    Other records with this id
                  </h3>
                  {detail.isPending ? <Spinner size="sm" label="Loading related records" /> : null}
                  <Alert tone="error">{detail.isError ? detail.error.message : null}</Alert>
                  {detail.data ? (
                    detail.data.related.length ? (
                      <ul className="space-y-2">
                        {detail.data.related.map((r) => (
                          <li key={r.id} className="flex items-center justify-between gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm">
                            <span>
                              {r.type.toLowerCase()} <TransactionStatusBadge status={r.status} raw={r.statusRaw} />
                              <span className="block text-xs text-slate-500">{dateTime(r.occurredAt, timeZone)}</span>
                            </span>
                            <TransactionAmount row={r} />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="text-sm text-slate-600">None (a refund of this payment would show here).</p>
                    )
                  ) : null}
                </section>
              </div>
            </>
          ) : (
            <div className="space-y-3 p-5">
              <RadixDialog.Title className="text-lg font-semibold text-slate-900">Transaction</RadixDialog.Title>
              {detail.isPending ? <Spinner label="Loading the transaction" /> : null}
              <Alert tone="error">{detail.isError ? detail.error.message : null}</Alert>
            </div>
          )}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
