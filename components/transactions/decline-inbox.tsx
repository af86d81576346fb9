import Link from 'next/link';
import { dateTime } from '@/components/cards/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { declineReasonInfo } from '@/lib/transactions/decline-reasons';
import { declineFixState } from '@/lib/transactions/decline-status';
import type { DeclineGroup } from '@/lib/transactions/declines';
import { TransactionAmount } from './amount';

// One line per card and reason: what was refused, why in plain words, and the one change that would
// have let it through, opening the card's form prefilled.

export function DeclineInboxList({ groups, timeZone, canFix }: { groups: DeclineGroup[]; timeZone: string; canFix: boolean }) {
  if (groups.length === 0) {
    return (
      <Card>
        <EmptyState title="No declines">Nothing was refused in this period.</EmptyState>
      </Card>
    );
  }
  return (
    <ul className="space-y-3" aria-label="Declines by card and reason">
      {groups.map((g) => {
        const info = declineReasonInfo(g.reason);
        const state = declineFixState(g, canFix);
        const holder = g.latest.holder?.name ?? (g.latest.cardLast4 ? `Card ·· ${g.latest.cardLast4}` : 'Unknown card');
        const listHref = g.cardId ? `/transactions?tab=declined&card=${g.cardId}${g.reason ? `&reason=${g.reason}` : ''}` : null;
        return (
          <li key={`${g.cardId ?? g.sparadosCardId}-${g.reason}`} data-testid="decline-group" data-reason={g.reason ?? ''}>
            <Card className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone="danger">{info.title}</Badge>
                  <span className="font-medium text-slate-900">{holder}</span>
                  {g.latest.cardDescription ? <span className="text-sm text-slate-500">{g.latest.cardDescription}</span> : null}
                </p>
                <p className="text-sm text-slate-700">{info.explanation}</p>
                <p className="text-xs text-slate-500">
                  {g.count === 1 ? '1 decline' : `${g.count} declines`}, last {dateTime(g.lastAt, timeZone)} at {g.latest.merchantName ?? 'an unknown merchant'} (
                  <TransactionAmount row={g.latest} className="inline-flex align-baseline" />)
                  {listHref ? (
                    <>
                      {' · '}
                      <Link href={listHref} className="underline">
                        see them
                      </Link>
                    </>
                  ) : null}
                </p>
              </div>
              <div className="shrink-0 text-right">
                {state.kind === 'fix' ? (
                  <Button asChild size="sm">
                    <Link href={state.href} data-testid="decline-fix">
                      {state.label}
                    </Link>
                  </Button>
                ) : state.kind === 'resolved' ? (
                  <Badge tone="success">{state.note}</Badge>
                ) : (
                  <p className="max-w-xs text-xs text-slate-600">{state.note}</p>
                )}
              </div>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
