'use client';

import { RefreshCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { fieldError, type ActionResult } from '@/lib/actions/result';
import type { SyncHealth } from '@/lib/webhooks/health';

// Settings → Sync health (issue 7 item 2): whether Sparados events reach the panel, whether the
// worker keeps up, what failed, the last reconcile pass, and "resync from date". Refreshes itself.

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

function ago(at: Date | string | null, now: Date): string {
  if (!at) return 'never';
  const seconds = Math.max(0, Math.round((new Date(now).getTime() - new Date(at).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

const REFRESH_MS = 10_000;

export interface SyncHealthProps {
  health: SyncHealth;
  canResync: boolean;
  resyncAction: (input: { from: string }) => Promise<ActionResult<{ from: string; queued: boolean }>>;
}

export function SyncHealthSection({ health, canResync, resyncAction }: SyncHealthProps) {
  const router = useRouter();
  const [from, setFrom] = useState('');
  const [result, setResult] = useState<ActionResult<{ from: string; queued: boolean }> | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);

  const last = health.lastReconcile;
  const lagTone = health.lagSeconds > 60 ? 'danger' : health.lagSeconds > 10 ? 'warning' : 'success';

  const resync = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setResult(null);
      const outcome = await resyncAction({ from });
      setResult(outcome);
      if (outcome.ok) router.refresh();
    });
  };

  return (
    <Card aria-labelledby="sync-health-title">
      <CardHeader>
        <div>
          <CardTitle id="sync-health-title">Transaction sync health</CardTitle>
          <CardDescription>
            Sparados sends events to the webhook listener; the worker stores them and also lists the transaction history regularly, so an event that never
            arrived still shows up.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        {health.failed > 0 ? (
          <Alert tone="error">
            {health.failed} event{health.failed === 1 ? '' : 's'} could not be processed in the last 7 days. The reconcile pass reads those transactions again.
          </Alert>
        ) : null}
        {last?.error ? <Alert tone="warning">The last reconcile pass failed: {last.error}</Alert> : null}
        <dl className="divide-y divide-slate-100">
          <Row term="Last event received">
            <time dateTime={health.lastEventAt ? new Date(health.lastEventAt).toISOString() : undefined}>{ago(health.lastEventAt, health.readAt)}</time>
          </Row>
          <Row term="Waiting to be processed">
            <span className="inline-flex flex-wrap items-center gap-2">
              {health.backlog} event{health.backlog === 1 ? '' : 's'}
              <Badge tone={lagTone}>{health.backlog === 0 ? 'up to date' : `oldest waits ${health.lagSeconds} s`}</Badge>
            </span>
          </Row>
          <Row term="Failures">
            {health.retrying} retrying, {health.failed} given up (7 days)
          </Row>
          {health.recentErrors.length > 0 ? (
            <Row term="Recent errors">
              <ul className="space-y-1">
                {health.recentErrors.map((e, i) => (
                  <li key={i} className="break-all">
                    <span className="text-slate-500">{ago(e.at, health.readAt)}</span> · {e.kind.toLowerCase().replace(/_/g, ' ')} · {e.error} ({e.attempts} attempt
                    {e.attempts === 1 ? '' : 's'})
                  </li>
                ))}
              </ul>
            </Row>
          ) : null}
          <Row term="Last reconcile">
            {last ? (
              <span>
                {ago(last.at, health.readAt)}
                {last.error
                  ? ' (failed)'
                  : ` · ${last.listed ?? 0} listed, ${last.saved?.inserted ?? 0} new${last.refreshed ? `, ${last.refreshed} pending re-read` : ''}${last.complete === false ? ', continues on the next pass' : ''}`}
              </span>
            ) : (
              'not run yet'
            )}
          </Row>
          <Row term="Synced up to">{health.cursor ? new Date(health.cursor).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'not yet'}</Row>
        </dl>

        {canResync ? (
          <form onSubmit={resync} className="flex flex-wrap items-end gap-3" aria-describedby="resync-help">
            <Field label="Resync from date (UTC)" error={fieldError(result, 'from')}>
              <Input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} required className="w-44" />
            </Field>
            <Button type="submit" variant="secondary" pending={pending}>
              <RefreshCw aria-hidden="true" className="h-4 w-4" />
              Resync
            </Button>
            <div aria-live="polite" className="text-sm">
              {result?.ok ? <span className="text-emerald-700">Resync from {result.data.from.slice(0, 10)} queued.</span> : null}
              {result && !result.ok && !fieldError(result, 'from') ? <span className="text-red-700">{result.message}</span> : null}
            </div>
          </form>
        ) : null}
        {canResync ? (
          <p id="resync-help" className="text-xs text-slate-500">
            Lists every transaction created since that day again and saves what differs; the regular passes then continue from there.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
