'use client';

import { useQuery } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { IRREVERSIBLE_ACTIONS, isLocked } from '@/lib/approvals/state-machine';
import type { ApprovalView, CardDetail, TimelineEntry } from '@/lib/approvals/view-types';
import type { MccCategory } from '@/lib/approvals/mcc';
import type { Role } from '@/lib/auth/permissions';
import { BudgetBar } from './budget-bar';
import { BudgetDialog, ConfirmAction, LockToggle, visibleActions } from './card-actions';
import { EditRulesDialog } from './edit-rules-dialog';
import { dateTime, money, validity } from './format';
import { StateDiagram } from './state-diagram';
import { ApprovalStatusBadge, CardStatusBadge } from './status-badges';
import { cardQueryKey } from './use-card-action';
import { CardDetailsReveal } from './card-details-reveal';
import { CardInFlightNotice } from '@/components/budgets/card-in-flight';
import { CardFixNotice, fixAction } from '@/components/transactions/card-fix';
import type { CardFixRequest } from '@/lib/transactions/decline-reasons';
import type { AloneLimit } from '@/lib/budgets/view-types';

// The card page's live part: polls the card so sync's changes show by themselves, and draws the
// actions the state machine allows for the signed-in role.

const REFRESH_MS = 10_000;

interface EditSupport {
  mccCategories: MccCategory[];
  visuals: Array<{ id: string; name: string }>;
}

async function fetchCard(id: string): Promise<CardDetail> {
  const response = await fetch(`/api/cards/${id}`, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`card: HTTP ${response.status}`);
  return (await response.json()) as CardDetail;
}

function Actions({ card, approval, role, edit, fix = null, aloneLimit = null }: { card: CardDetail; approval: ApprovalView; role: Role; edit: EditSupport; fix?: CardFixRequest | null; aloneLimit?: AloneLimit | null }) {
  const actions = visibleActions(approval, role);
  if (actions.length === 0) return null;
  const locked = isLocked(approval.status, approval.cardStatus);
  return (
    <div className="flex flex-wrap items-start gap-2" aria-label="Card actions" role="group">
      {actions.includes('lock') || actions.includes('unlock') ? <LockToggle card={card} approval={approval} locked={locked} autoFocus={fix?.kind === 'unlock'} /> : null}
      {actions.includes('changeBudget') ? <BudgetDialog card={card} approval={approval} defaultOpen={fix?.kind === 'topup'} aloneLimit={aloneLimit} /> : null}
      {actions.includes('edit') && approval.isCurrent && card.editDefaults ? <EditRulesDialog card={card} approval={approval} defaults={card.editDefaults} {...edit} fix={fix && fixAction(fix) === 'edit' ? fix : null} /> : null}
      {actions.includes('accept') ? <ConfirmAction card={card} approval={approval} action="accept" /> : null}
      {(['reject', 'cancel', 'unassign'] as const).filter((a) => actions.includes(a) && IRREVERSIBLE_ACTIONS.has(a)).map((a) => (
        <ConfirmAction key={a} card={card} approval={approval} action={a} />
      ))}
    </div>
  );
}

function Chain({ card, timezone }: { card: CardDetail; timezone: string }) {
  return (
    <Table>
      <TableCaption>Reapproval chain</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Approval id</TableHeaderCell>
          <TableHeaderCell>Replaces</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Budget</TableHeaderCell>
          <TableHeaderCell>Validity</TableHeaderCell>
          <TableHeaderCell>Since</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {card.chain.map((a) => (
          <TableRow key={a.id} data-testid="chain-row" aria-current={a.isCurrent ? 'true' : undefined} className={a.isCurrent ? 'bg-indigo-50/60' : undefined}>
            <TableCell className="font-mono text-xs">
              {a.sparadosId}
              {a.isCurrent ? (
                <Badge tone="info" className="ml-2 font-sans">
                  current
                </Badge>
              ) : null}
            </TableCell>
            <TableCell className="font-mono text-xs text-slate-500">{a.parentSparadosId ?? '—'}</TableCell>
            <TableCell>
              <ApprovalStatusBadge status={a.status} raw={a.statusRaw} />
            </TableCell>
            <TableCell className="whitespace-nowrap">{money(a.budgetMinor, card.currency)}</TableCell>
            <TableCell className="whitespace-nowrap">{validity(a.startDate, a.endDate, a.timezone)}</TableCell>
            <TableCell className="whitespace-nowrap text-slate-600">{dateTime(a.createdAt, timezone)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const KIND_BADGE: Record<TimelineEntry['kind'], { label: string; tone: 'info' | 'neutral' | 'success' | 'warning' }> = {
  action: { label: 'Panel', tone: 'info' },
  sync: { label: 'Sparados', tone: 'neutral' },
  email: { label: 'E-mail', tone: 'success' },
  refused: { label: 'Refused', tone: 'warning' },
  code: { label: 'Code', tone: 'info' },
  wallet: { label: 'Wallet', tone: 'neutral' },
  undelivered: { label: 'Not delivered', tone: 'warning' },
};

function Timeline({ entries, timezone }: { entries: TimelineEntry[]; timezone: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">Nothing has happened to this card yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Timeline">
      {entries.map((e) => (
        <li key={e.id} className="flex gap-3 text-sm" data-testid="timeline-entry">
          <time dateTime={e.at} className="w-36 shrink-0 text-slate-500">
            {dateTime(e.at, timezone)}
          </time>
          <div className="min-w-0">
            <Badge tone={KIND_BADGE[e.kind].tone} className="mr-2">
              {KIND_BADGE[e.kind].label}
            </Badge>
            <span className="text-slate-900">{e.summary}</span>
            <div className="text-xs text-slate-500">{e.actor}</div>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** `canReveal`: the signed-in role may see card details and the contract is the Full API (the page decides). */
export function CardDetailView({ initial, role, timezone, edit, fix = null, aloneLimit = null, canReveal = false }: { initial: CardDetail; role: Role; timezone: string; edit: EditSupport; fix?: CardFixRequest | null; aloneLimit?: AloneLimit | null; canReveal?: boolean }) {
  const { data, isError } = useQuery({
    queryKey: cardQueryKey(initial.id),
    queryFn: () => fetchCard(initial.id),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
  });
  const card = data ?? initial;
  const current = card.current;

  return (
    <div className="space-y-6">
      <p aria-live="polite" className="text-xs text-slate-500 empty:hidden">
        {isError ? 'Could not refresh; showing the last known state.' : ''}
      </p>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>{card.holder.name}</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              {card.holder.email}
              {card.holder.phone ? ` · ${card.holder.phone}` : ''}
              {card.accountName ? ` · ${card.accountName}` : ''}
            </p>
            {card.description ? <p className="mt-1 text-sm text-slate-800">“{card.description}”</p> : null}
          </div>
          <div className="flex flex-wrap items-center gap-2" data-testid="card-status">
            <ApprovalStatusBadge status={current?.status ?? null} raw={current?.statusRaw} />
            <CardStatusBadge status={current?.status ?? null} cardStatus={current?.cardStatus ?? null} />
          </div>
        </CardHeader>
        <CardContent className="space-y-6">
          {current ? (
            <>
              <StateDiagram status={current.status} cardStatus={current.cardStatus} />
              <CardFixNotice fix={fix} available={Boolean(fix && visibleActions(current, role).includes(fixAction(fix)) && (fixAction(fix) !== 'edit' || card.editDefaults))} />
              <Actions card={card} approval={current} role={role} edit={edit} fix={fix} aloneLimit={aloneLimit} />
              {canReveal && current.status === 'DELIVERED' && current.sparadosCardId ? <CardDetailsReveal cardId={card.id} /> : null}
              <CardInFlightNotice card={card} timezone={timezone} />
              <BudgetBar budget={current.budgetMinor} spent={current.spentMinor} available={current.availableMinor} currency={card.currency} />
              <div className="grid gap-4 md:grid-cols-2">
                <div>
                  <h3 className="mb-1 text-sm font-medium text-slate-900">Validity</h3>
                  <p className="text-sm text-slate-700">
                    {validity(current.startDate, current.endDate, current.timezone)} ({current.timezone})
                  </p>
                  <h3 className="mt-3 mb-1 text-sm font-medium text-slate-900">Card</h3>
                  <p className="text-sm text-slate-700">{current.sparadosCardId ? `Sparados card ${current.sparadosCardId}` : 'Not generated yet (waits for the cardholder to redeem it)'}</p>
                  <p className="text-sm text-slate-700">Change requests {current.allowChangeRequest ? 'allowed' : 'not allowed'}</p>
                </div>
                <div>
                  <h3 className="mb-1 text-sm font-medium text-slate-900">Limits</h3>
                  <ul className="space-y-0.5 text-sm text-slate-700" data-testid="limits">
                    {current.limitsInWords.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
              </div>
            </>
          ) : (
            <p className="text-sm text-slate-600">This card has no approval yet.</p>
          )}
        </CardContent>
      </Card>

      {card.pendingRequests.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Change requested by the cardholder</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            {card.pendingRequests.map((r) => (
              <div key={r.id} className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="change-request">
                <p className="text-sm">
                  Approval <span className="font-mono">{r.sparadosId}</span> asks for a budget of {money(r.budgetMinor, card.currency)}, valid {validity(r.startDate, r.endDate, r.timezone)}.
                </p>
                <ul className="text-sm text-slate-700">
                  {r.limitsInWords.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <Actions card={card} approval={r} role={role} edit={edit} />
              </div>
            ))}
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Reapproval chain</CardTitle>
        </CardHeader>
        <Chain card={card} timezone={timezone} />
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
        </CardHeader>
        <CardContent>
          <Timeline entries={card.timeline} timezone={timezone} />
        </CardContent>
      </Card>
    </div>
  );
}
