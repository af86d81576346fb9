'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import type { CardDetail } from '@/lib/approvals/view-types';
import { formatMoney } from '@/lib/money';
import { dateTime } from '@/components/cards/format';
import { CHANGE_STATE_LABELS, CHANGE_STATE_TONES, changeWords } from './budget-change-words';

// On the card page: writes sent to Sparados whose outcome is not confirmed yet ("checking" until the
// reconciler settles them) and the card's changes held by the budget policy for a second person (a
// top-up, a rules edit, an accepted change request), with why they wait. Polled with the card.

export function CardInFlightNotice({ card, timezone }: { card: CardDetail; timezone: string }) {
  const { checking, budgetChanges } = card.inFlight;
  if (checking.length === 0 && budgetChanges.length === 0) return null;
  return (
    <div className="space-y-2">
      {checking.map((op) => (
        <p key={op.id} className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900" data-testid="checking" role="status">
          <Spinner size="sm" label={null} />
          <Badge tone="info">Checking</Badge>
          <span>
            {op.label}
            {op.detail && card.currency ? ` of ${BigInt(op.detail) > 0n ? '+' : '−'}${formatMoney(BigInt(op.detail) > 0n ? BigInt(op.detail) : -BigInt(op.detail), card.currency)}` : ''} sent {dateTime(op.since, timezone)}; Sparados has not
            confirmed it yet. The panel checks again by itself; it will not be applied twice.
          </span>
        </p>
      ))}
      {budgetChanges.map((c) => (
        <div key={c.id} className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm" data-testid="budget-change">
          <Badge tone={CHANGE_STATE_TONES[c.state]}>{CHANGE_STATE_LABELS[c.state]}</Badge>
          <span className="text-slate-800">{changeWords(c)}</span>
          {c.state === 'awaiting_approval' && c.reason ? <span className="text-slate-600">— held: {c.reason}</span> : null}
          <span className="text-slate-500">
            asked by {c.requestedByName} {dateTime(c.requestedAt, timezone)}
            {c.decidedByName ? `; ${c.state === 'declined' ? 'declined' : 'approved'} by ${c.decidedByName}` : ''}
            {c.note ? ` — ${c.note}` : ''}
          </span>
          {c.state === 'awaiting_approval' ? (
            <Link href="/requests#budget-changes" className="text-indigo-700 underline">
              Open in Requests
            </Link>
          ) : null}
        </div>
      ))}
    </div>
  );
}
