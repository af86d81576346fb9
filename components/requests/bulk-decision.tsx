'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { fieldControlClasses } from '@/components/ui/input';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { failureOf, useIntentKey } from '@/components/cards/use-card-action';
import { money } from '@/components/cards/format';
import { localDate } from '@/lib/approvals/validity';
import { decideRequests } from '@/lib/requests/actions';
import type { BulkDecisionRow } from '@/lib/requests/decide';
import { bulkDecisionSchema } from '@/lib/requests/schemas';
import type { ChangeRequestView } from '@/lib/requests/view-types';
import { useInboxAction } from './use-inbox-action';

// Accept or reject many selected requests: a preview of what each answer does, then one call that
// answers them one by one and reports each row. Re-sending the same dialog (a retry) repeats nothing.

type Decision = 'accept' | 'reject';

function day(iso: string, zone: string) {
  return localDate(new Date(iso), zone);
}

export function BulkDecisionDialog({ decision, selected, onClose }: { decision: Decision | null; selected: ChangeRequestView[]; onClose: (decided: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [key, rotate] = useIntentKey();
  const mutation = useInboxAction(decideRequests);
  const failure = failureOf(mutation.error);
  const rows: BulkDecisionRow[] | null = mutation.data?.rows ?? null;
  const byId = new Map(rows?.map((r) => [r.approvalId, r]) ?? []);
  const verb = decision === 'reject' ? 'Reject' : 'Accept';

  function close() {
    const decided = Boolean(rows);
    mutation.reset();
    setReason('');
    setError(undefined);
    onClose(decided);
  }

  function submit() {
    if (!decision) return;
    const input = { decision, idempotencyKey: key, reason, items: selected.map((r) => ({ cardId: r.cardId, approvalId: r.approvalId })) };
    const checked = bulkDecisionSchema.safeParse(input);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    mutation.mutate(input, { onSettled: rotate });
  }

  return (
    <Dialog open={decision !== null} onOpenChange={(next) => (next ? undefined : close())}>
      <DialogContent
        title={`${verb} ${selected.length} ${selected.length === 1 ? 'request' : 'requests'}`}
        description={rows ? 'Done. Each row says what happened.' : decision === 'reject' ? 'Each card keeps its current rules.' : 'Each card takes the requested rules and continues under the request’s approval id.'}
        className="max-w-3xl"
      >
        <div className="space-y-4">
          <Table>
            <TableCaption>{rows ? 'Result per request' : 'Effect per request'}</TableCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Card</TableHeaderCell>
                <TableHeaderCell>Budget</TableHeaderCell>
                <TableHeaderCell>End date</TableHeaderCell>
                <TableHeaderCell>{rows ? 'Result' : 'After'}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {selected.map((r) => {
                const result = byId.get(r.approvalId);
                const keep = decision === 'reject';
                return (
                  <TableRow key={r.approvalId} data-testid="bulk-decision-row">
                    <TableCell>
                      <div className="font-medium">{r.holder.name}</div>
                      <div className="text-xs text-slate-500">{r.description ?? r.holder.email}</div>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {r.current ? money(r.current.budgetMinor, r.currency) : '—'} → {money(keep && r.current ? r.current.budgetMinor : r.requested.budgetMinor, r.currency)}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {r.current ? day(r.current.endDate, r.current.timezone) : '—'} → {keep && r.current ? day(r.current.endDate, r.current.timezone) : day(r.requested.endDate, r.requested.timezone)}
                    </TableCell>
                    <TableCell>
                      {result ? (
                        <span className="flex flex-col gap-1">
                          <Badge tone={result.ok ? 'success' : 'danger'}>{result.ok ? (keep ? 'Rejected' : 'Accepted') : 'Not done'}</Badge>
                          <span className="text-xs text-slate-600">{result.message}</span>
                        </span>
                      ) : (
                        <span className="text-xs text-slate-600">{keep ? 'Keeps current rules' : 'Takes the request'}</span>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {decision === 'reject' && !rows ? (
            <Field label="Reason" hint="Required; kept in the audit log for every rejected request." error={error}>
              <textarea className={cn(fieldControlClasses, 'min-h-20 py-2')} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          ) : (
            <Alert tone="error">{error ?? null}</Alert>
          )}
          <Alert tone="error">{failure?.message ?? null}</Alert>
          <div className="flex justify-end gap-2">
            {rows ? (
              <Button onClick={close}>Done</Button>
            ) : (
              <>
                <DialogClose asChild>
                  <Button variant="secondary">Not now</Button>
                </DialogClose>
                <Button variant={decision === 'reject' ? 'danger' : 'primary'} pending={mutation.isPending} onClick={submit}>
                  {verb} {selected.length}
                </Button>
              </>
            )}
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
