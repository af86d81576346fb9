'use client';

import { useRouter } from 'next/navigation';
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { amountOrUnknown, money } from '@/components/cards/format';
import { ActionFailed, failureOf, useIntentKey } from '@/components/cards/use-card-action';
import type { ActionResult } from '@/lib/actions';
import { changeBudgets, reclaimIdleBudget } from '@/lib/budgets/actions';
import type { BulkBudgetOutcome, BulkBudgetRow } from '@/lib/budgets/bulk';
import { BUDGET_CHANGE_MODES, BUDGET_MODE_LABELS, type BudgetChangeMode } from '@/lib/budgets/math';
import { aloneLimitFor, type Allowance } from '@/lib/budgets/view-types';
import { previewBudgetChange, type BudgetPreview } from '@/lib/budgets/preview';
import type { BudgetCardRow } from '@/lib/budgets/queries';

// One budget change on many selected cards (kind "bulk"), or reclaiming idle budget (kind
// "reclaim": each card down to what it spent). Each row previews its figures before and after and
// whether it will be refused or wait for a second approver; after sending, each row says what
// happened. The form's key stays until the server answers, so a retry after a lost answer is
// recognised row by row and nothing is applied twice.

const OUTCOME: Record<BulkBudgetOutcome, { label: string; tone: BadgeTone }> = {
  applied: { label: 'Applied', tone: 'success' },
  awaiting_approval: { label: 'Waits for approval', tone: 'warning' },
  checking: { label: 'Checking', tone: 'info' },
  refused: { label: 'Refused', tone: 'danger' },
  failed: { label: 'Failed', tone: 'danger' },
};

function PreviewCell({ preview, currency }: { preview: BudgetPreview; currency: string | null }) {
  if (preview.kind === 'empty') return <span className="text-slate-400">—</span>;
  if (preview.kind === 'invalid') return <span className="text-xs text-red-700">{preview.message}</span>;
  if (preview.kind === 'refused') return <span className="text-xs text-red-700">Refused: {preview.message}</span>;
  return (
    <span className="flex flex-col gap-1">
      <span className="whitespace-nowrap">
        {money(preview.after.budgetMinor, currency)} <span className="text-xs text-slate-500">({amountOrUnknown(preview.after.availableMinor, currency)} available)</span>
      </span>
      {preview.needsSecondApprover ? (
        <Badge tone="warning" className="self-start">
          Needs a second approver
        </Badge>
      ) : null}
    </span>
  );
}

type Payload = { idempotencyKey: string; currency: string; cards: Array<{ cardId: string; approvalId: string }>; mode?: BudgetChangeMode; amount?: string };

export function BulkBudget({ cards, kind, allowance, canAct, emptyText }: { cards: BudgetCardRow[]; kind: 'bulk' | 'reclaim'; allowance: Allowance; canAct: boolean; emptyText: string }) {
  const router = useRouter();
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<BudgetChangeMode>(kind === 'reclaim' ? 'target' : 'increase');
  const [amount, setAmount] = useState(kind === 'reclaim' ? '0' : '');
  const [key, rotate] = useIntentKey();
  const mutation = useMutation<{ rows: BulkBudgetRow[] }, Error, Payload>({
    mutationFn: async (payload) => {
      const result: ActionResult<{ rows: BulkBudgetRow[] }> =
        kind === 'reclaim'
          ? await reclaimIdleBudget({ idempotencyKey: payload.idempotencyKey, currency: payload.currency, cards: payload.cards })
          : await changeBudgets({ idempotencyKey: payload.idempotencyKey, currency: payload.currency, cards: payload.cards, mode: payload.mode!, amount: payload.amount! });
      if (!result.ok) throw new ActionFailed(result);
      return result.data;
    },
    onSuccess: () => router.refresh(),
  });
  const failure = failureOf(mutation.error);
  const lostAnswer = mutation.error && !(mutation.error instanceof ActionFailed);
  const results = new Map(mutation.data?.rows.map((r) => [r.cardId, r]) ?? []);
  const done = mutation.data !== undefined;

  const selected = cards.filter((c) => selection.has(c.cardId));
  const currencies = new Set(selected.map((c) => c.currency));
  const currency = selected[0]?.currency ?? cards[0]?.currency ?? null;
  const mixed = currencies.size > 1;
  const previews = new Map(cards.map((c) => [c.cardId, currency ? previewBudgetChange(c, mode, amount, c.currency ?? currency, aloneLimitFor(allowance, c.cardId)) : ({ kind: 'empty' } as BudgetPreview)]));
  const sendable = selected.filter((c) => previews.get(c.cardId)?.kind === 'ok');
  const waiting = sendable.filter((c) => {
    const p = previews.get(c.cardId);
    return p?.kind === 'ok' && p.needsSecondApprover;
  }).length;

  function toggle(cardId: string, on: boolean) {
    setSelection((prev) => {
      const next = new Set(prev);
      if (on) next.add(cardId);
      else next.delete(cardId);
      return next;
    });
  }

  function submit() {
    if (!currency || sendable.length === 0) return;
    mutation.mutate(
      { idempotencyKey: key, currency, mode, amount, cards: sendable.map((c) => ({ cardId: c.cardId, approvalId: c.approvalId })) },
      {
        onSuccess: rotate,
        onError: (error) => {
          if (error instanceof ActionFailed) rotate();
        },
      },
    );
  }

  function again() {
    mutation.reset();
    setSelection(new Set());
    if (kind === 'bulk') setAmount('');
  }

  if (cards.length === 0) return <p className="px-5 py-6 text-sm text-slate-600">{emptyText}</p>;

  return (
    <div>
      {canAct ? (
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-4" role="group" aria-label={kind === 'reclaim' ? 'Reclaim' : 'Budget change'}>
          {kind === 'bulk' ? (
            <>
              <Field label="Change" className="w-48">
                <Select value={mode} onChange={(e) => setMode(e.target.value as BudgetChangeMode)} disabled={done}>
                  {BUDGET_CHANGE_MODES.map((m) => (
                    <option key={m} value={m}>
                      {BUDGET_MODE_LABELS[m]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={`Amount${currency ? ` (${currency})` : ''}`} className="w-44">
                <Input inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} disabled={done} />
              </Field>
            </>
          ) : (
            <p className="max-w-xl text-sm text-slate-700">Each selected card’s budget goes down to what it has spent, so nothing is left available on it.</p>
          )}
          {done ? (
            <Button variant="secondary" onClick={again}>
              Start again
            </Button>
          ) : (
            <Button onClick={submit} pending={mutation.isPending} disabled={sendable.length === 0 || mixed}>
              {kind === 'reclaim' ? `Reduce ${sendable.length} to what is spent` : `Apply to ${sendable.length} ${sendable.length === 1 ? 'card' : 'cards'}`}
            </Button>
          )}
          <p className="basis-full text-sm text-slate-600" aria-live="polite">
            {selected.length} selected
            {selected.length > sendable.length ? `, ${selected.length - sendable.length} would be refused and are left out` : ''}
            {waiting ? `, ${waiting} will wait for a second approver` : ''}.
          </p>
          <div className="basis-full space-y-2 empty:hidden">
            <Alert tone="error">{mixed ? 'The selected cards are in different currencies; change them in groups of one currency.' : failure?.message ?? null}</Alert>
            <Alert tone="warning">{lostAnswer ? 'The panel did not answer, so it is not known which cards changed. Sending again is safe: no card is changed twice.' : null}</Alert>
          </div>
        </div>
      ) : null}
      <Table>
        <TableCaption>{kind === 'reclaim' ? 'Idle cards' : 'Cards whose budget can change'}</TableCaption>
        <TableHead>
          <TableRow>
            {canAct ? (
              <TableHeaderCell>
                <input
                  type="checkbox"
                  className="h-4 w-4"
                  aria-label="Select all cards"
                  checked={cards.length > 0 && cards.every((c) => selection.has(c.cardId))}
                  disabled={done}
                  onChange={(e) => setSelection(e.target.checked ? new Set(cards.map((c) => c.cardId)) : new Set())}
                />
              </TableHeaderCell>
            ) : null}
            <TableHeaderCell>Card</TableHeaderCell>
            <TableHeaderCell>Budget</TableHeaderCell>
            <TableHeaderCell>Spent</TableHeaderCell>
            <TableHeaderCell>Available</TableHeaderCell>
            {kind === 'reclaim' ? <TableHeaderCell>Last payment</TableHeaderCell> : null}
            <TableHeaderCell>{done ? 'Result' : 'After'}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {cards.map((c) => {
            const result = results.get(c.cardId);
            const on = selection.has(c.cardId);
            return (
              <TableRow key={c.cardId} data-testid="budget-card-row" className={on ? 'bg-indigo-50/50' : undefined}>
                {canAct ? (
                  <TableCell>
                    <input type="checkbox" className="h-4 w-4" aria-label={`Select ${c.holderName}`} checked={on} disabled={done} onChange={(e) => toggle(c.cardId, e.target.checked)} />
                  </TableCell>
                ) : null}
                <TableCell>
                  <Link href={`/cards/${c.cardId}`} className="font-medium text-indigo-700 hover:underline">
                    {c.holderName}
                  </Link>
                  <div className="text-xs text-slate-500">{c.description ?? c.email}</div>
                </TableCell>
                <TableCell className="whitespace-nowrap">{money(c.budgetMinor, c.currency)}</TableCell>
                <TableCell className="whitespace-nowrap">{amountOrUnknown(c.spentMinor, c.currency)}</TableCell>
                <TableCell className="whitespace-nowrap">{amountOrUnknown(c.availableMinor, c.currency)}</TableCell>
                {kind === 'reclaim' ? <TableCell className="whitespace-nowrap text-slate-600">{c.lastSpendAt ? c.lastSpendAt.slice(0, 10) : 'none recorded'}</TableCell> : null}
                <TableCell>
                  {result ? (
                    <span className="flex flex-col gap-1" data-testid="budget-result">
                      <Badge tone={OUTCOME[result.outcome].tone} className="self-start">
                        {OUTCOME[result.outcome].label}
                      </Badge>
                      <span className="text-xs text-slate-600">{result.message}</span>
                    </span>
                  ) : on ? (
                    <PreviewCell preview={previews.get(c.cardId)!} currency={c.currency} />
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
