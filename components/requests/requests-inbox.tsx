'use client';

import { useQuery } from '@tanstack/react-query';
import { Inbox } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { amountOrUnknown, dateTime, money } from '@/components/cards/format';
import { can, type Role } from '@/lib/auth/permissions';
import { isUrgent, timeLeftText } from '@/lib/requests/expiry';
import type { ChangeRequestView, RequestsInbox } from '@/lib/requests/view-types';
import { BudgetChangesTable } from './budget-changes';
import { BulkDecisionDialog } from './bulk-decision';
import { RequestActions } from './request-actions';
import { RequestDiff } from './request-diff';
import { requestsQueryKey } from './use-inbox-action';

// The requests inbox: cardholders' change requests oldest first, and budget changes waiting for a
// second approver. Polls so requests noticed by sync appear, and answered ones leave, by themselves.

const REFRESH_MS = 10_000;

async function fetchInbox(): Promise<RequestsInbox> {
  const response = await fetch('/api/requests', { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`requests: HTTP ${response.status}`);
  return (await response.json()) as RequestsInbox;
}

function Spend({ request }: { request: ChangeRequestView }) {
  const spent = request.current?.spentMinor;
  return (
    <p className="text-sm text-slate-700" data-testid="request-spend">
      {spent !== undefined ? (
        <>
          Spent on the current approval: <strong>{amountOrUnknown(spent, request.currency)}</strong> of {money(request.current!.budgetMinor, request.currency)}.{' '}
        </>
      ) : null}
      {request.recentSpend ? (
        <>
          Last {request.recentSpend.days} days: <strong>{money(request.recentSpend.amountMinor, request.currency)}</strong> in {request.recentSpend.payments}{' '}
          {request.recentSpend.payments === 1 ? 'transaction' : 'transactions'}.
        </>
      ) : (
        <>No card transactions in the last 30 days.</>
      )}
    </p>
  );
}

function RequestItem({ request, role, timezone, selected, onSelect, now }: { request: ChangeRequestView; role: Role; timezone: string; selected: boolean; onSelect: (on: boolean) => void; now: Date }) {
  const urgent = isUrgent(request.expiresAt, now);
  const canDecide = can(role, 'requests.decide');
  return (
    <li className="space-y-3 border-b border-slate-200 px-5 py-4 last:border-b-0" data-testid="change-request-item" data-approval-id={request.approvalId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex items-start gap-3">
          {canDecide ? (
            <input
              type="checkbox"
              className="mt-1 h-4 w-4"
              aria-label={`Select the request of ${request.holder.name}`}
              checked={selected}
              disabled={request.checking}
              onChange={(e) => onSelect(e.target.checked)}
            />
          ) : null}
          <div>
            <Link href={`/cards/${request.cardId}`} className="font-medium text-indigo-700 hover:underline">
              {request.holder.name}
            </Link>
            <span className="text-slate-600"> · {request.description ?? request.holder.email}</span>
            <p className="text-xs text-slate-500">
              Asked by {request.askedBy} on {dateTime(request.askedAt, timezone)} · request <span className="font-mono">{request.approvalId}</span>
            </p>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {request.checking ? <Badge tone="info">Checking with Sparados</Badge> : null}
          {request.acceptHeld ? <Badge tone="warning">Accepted by {request.acceptHeld.requestedByName}: waiting for a second approver</Badge> : null}
          <Badge tone={urgent ? 'danger' : 'neutral'} data-testid="request-expiry">
            {timeLeftText(request.expiresAt, now)}
          </Badge>
        </div>
      </div>
      <RequestDiff request={request} />
      <Spend request={request} />
      {request.checking ? null : <RequestActions request={request} role={role} />}
    </li>
  );
}

export function RequestsInboxView({ initial, role, userId, timezone }: { initial: RequestsInbox; role: Role; userId: string; timezone: string }) {
  const { data, isError } = useQuery({
    queryKey: requestsQueryKey,
    queryFn: fetchInbox,
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
  });
  const inbox = data ?? initial;
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  // The dialog keeps the requests it opened with: answered ones leave the polled list meanwhile.
  const [bulk, setBulk] = useState<{ decision: 'accept' | 'reject'; items: ChangeRequestView[] } | null>(null);
  const now = new Date(inbox.generatedAt);
  const visible = new Set(inbox.requests.map((r) => r.approvalId));
  const selected = inbox.requests.filter((r) => selection.has(r.approvalId));
  const canDecide = can(role, 'requests.decide');
  const allSelected = inbox.requests.length > 0 && inbox.requests.every((r) => selection.has(r.approvalId) || r.checking);

  function select(id: string, on: boolean) {
    setSelection((prev) => {
      const next = new Set([...prev].filter((x) => visible.has(x)));
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <div className="space-y-6">
      <p aria-live="polite" className="text-xs text-slate-500 empty:hidden">
        {isError ? 'Could not refresh; showing the last known state.' : ''}
      </p>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>
              Change requests <Badge className="ml-1">{inbox.requests.length}</Badge>
            </CardTitle>
            <CardDescription>
              Cardholders asking for a higher budget or a later end date, oldest first.{' '}
              {inbox.expiryHours === null ? 'How long Sparados keeps an unanswered request is not configured (SPARADOS_REAPPROVAL_EXPIRY_HOURS).' : `Unanswered requests expire after ${inbox.expiryHours} hours.`}
            </CardDescription>
          </div>
          {canDecide && inbox.requests.length > 0 ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Selected requests">
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="h-4 w-4"
                  checked={allSelected}
                  onChange={(e) => setSelection(e.target.checked ? new Set(inbox.requests.filter((r) => !r.checking).map((r) => r.approvalId)) : new Set())}
                />
                Select all
              </label>
              <Button size="sm" disabled={selected.length === 0} onClick={() => setBulk({ decision: 'accept', items: selected })}>
                Accept selected ({selected.length})
              </Button>
              <Button size="sm" variant="secondary" disabled={selected.length === 0} onClick={() => setBulk({ decision: 'reject', items: selected })}>
                Reject selected ({selected.length})
              </Button>
            </div>
          ) : null}
        </CardHeader>
        {inbox.requests.length === 0 ? (
          <EmptyState icon={Inbox} title="No change requests waiting">
            When a cardholder asks for more budget or time in the Sparados app, the request appears here within a minute.
          </EmptyState>
        ) : (
          <ol aria-label="Change requests">
            {inbox.requests.map((r) => (
              <RequestItem key={r.approvalId} request={r} role={role} timezone={timezone} selected={selection.has(r.approvalId)} onSelect={(on) => select(r.approvalId, on)} now={now} />
            ))}
          </ol>
        )}
      </Card>

      <Card id="budget-changes">
        <CardHeader>
          <div>
            <CardTitle>
              Budget changes waiting for a second approver <Badge className="ml-1">{inbox.budgetChanges.length}</Badge>
            </CardTitle>
            <CardDescription>New cards, rules edits, top-ups and accepted requests above what the requester may add alone (Settings → Budget policy). Nothing is sent to Sparados until someone other than the requester, an Approver or Admin, approves; policy changes need another Admin.</CardDescription>
          </div>
        </CardHeader>
        {inbox.budgetChanges.length === 0 ? (
          <CardContent>
            <p className="text-sm text-slate-600">Nothing waits for approval.</p>
          </CardContent>
        ) : (
          <BudgetChangesTable changes={inbox.budgetChanges} caption="Budget changes waiting for approval" userId={userId} role={role} timezone={timezone} />
        )}
        {inbox.recentBudgetChanges.length > 0 ? (
          <>
            <h3 className="border-t border-slate-200 px-5 pt-4 text-sm font-medium text-slate-900">Decided in the last day</h3>
            <BudgetChangesTable changes={inbox.recentBudgetChanges} caption="Budget changes decided in the last day" userId={userId} role={role} timezone={timezone} />
          </>
        ) : null}
      </Card>

      <BulkDecisionDialog
        decision={bulk?.decision ?? null}
        selected={bulk?.items ?? []}
        onClose={(decided) => {
          setBulk(null);
          if (decided) setSelection(new Set());
        }}
      />
    </div>
  );
}
