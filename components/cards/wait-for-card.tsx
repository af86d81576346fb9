'use client';

import { CheckCircle2, CircleDashed, XCircle } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { pollAssignedCard } from '@/lib/approvals/assign-actions';

// Full API: Sparados generates the card by itself shortly after the approval (seeds: poll every
// 0.5 s until DELIVERED with a card id). This shows that wait, with a deadline and a way out;
// stopping the wait changes nothing upstream, the card still arrives and sync records it.

export const POLL_INTERVAL_MS = 500;
export const WAIT_DEADLINE_MS = 60_000;

type State =
  | { phase: 'waiting'; status: string; polls: number }
  | { phase: 'delivered'; status: string; cardId: string }
  | { phase: 'stopped' | 'timeout' | 'dead-end' | 'error'; status: string; message: string };

export function WaitForCard({ approvalId, cardId }: { approvalId: string; cardId: string }) {
  const [state, setState] = useState<State>({ phase: 'waiting', status: 'ACCEPTED', polls: 0 });
  const cancelled = useRef(false);

  useEffect(() => {
    cancelled.current = false;
    const deadline = Date.now() + WAIT_DEADLINE_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;
    const poll = async () => {
      if (cancelled.current) return;
      const result = await pollAssignedCard({ approvalId });
      if (cancelled.current) return;
      polls += 1;
      if (!result.ok) return setState({ phase: 'error', status: 'unknown', message: result.message });
      const progress = result.data;
      if (progress.delivered && progress.cardId) return setState({ phase: 'delivered', status: progress.status, cardId: progress.cardId });
      if (progress.deadEnd) return setState({ phase: 'dead-end', status: progress.status, message: `The approval is ${progress.status}; no card will be generated.` });
      if (Date.now() + POLL_INTERVAL_MS > deadline) {
        return setState({ phase: 'timeout', status: progress.status, message: 'No card yet after a minute. It will still appear on the card page once Sparados generates it.' });
      }
      setState({ phase: 'waiting', status: progress.status, polls });
      timer = setTimeout(poll, POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      cancelled.current = true;
      if (timer) clearTimeout(timer);
    };
  }, [approvalId]);

  function stop() {
    cancelled.current = true;
    setState((s) => ({ phase: 'stopped', status: s.status, message: 'Stopped waiting. The card will still appear on the card page once Sparados generates it.' }));
  }

  const steps = [
    { label: 'Approval created in Sparados', done: true },
    { label: 'Card generated', done: state.phase === 'delivered' },
  ];

  return (
    <section aria-labelledby="wait-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="wait-heading" className="text-lg font-semibold text-slate-900">
        Waiting for the card
      </h2>
      <p className="text-sm text-slate-600">
        Approval <span className="font-mono">{approvalId}</span> was made for a Sparados user; Sparados now generates the card.
      </p>
      <ol className="space-y-2" aria-label="Progress">
        {steps.map((step) => (
          <li key={step.label} className="flex items-center gap-2 text-sm">
            {step.done ? (
              <CheckCircle2 aria-hidden="true" className="h-5 w-5 text-emerald-600" />
            ) : state.phase === 'waiting' ? (
              <Spinner size="sm" label={null} className="h-5 w-5 justify-center text-indigo-600" />
            ) : state.phase === 'dead-end' || state.phase === 'error' ? (
              <XCircle aria-hidden="true" className="h-5 w-5 text-red-600" />
            ) : (
              <CircleDashed aria-hidden="true" className="h-5 w-5 text-slate-400" />
            )}
            <span>{step.label}</span>
            <span className="sr-only">{step.done ? '(done)' : '(pending)'}</span>
          </li>
        ))}
      </ol>
      <p role="status" aria-live="polite" className="text-sm text-slate-700" data-testid="wait-status">
        {state.phase === 'waiting' ? `Status: ${state.status}. Checking every half second…` : null}
        {state.phase === 'delivered' ? `Card ${state.cardId} is ready (status ${state.status}).` : null}
      </p>
      {state.phase !== 'waiting' && state.phase !== 'delivered' ? <Alert tone={state.phase === 'stopped' || state.phase === 'timeout' ? 'warning' : 'error'}>{state.message}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {state.phase === 'waiting' ? (
          <Button variant="secondary" onClick={stop}>
            Stop waiting
          </Button>
        ) : null}
        <Button asChild variant={state.phase === 'delivered' ? 'primary' : 'secondary'}>
          <Link href={`/cards/${cardId}`}>Open the card</Link>
        </Button>
      </div>
    </section>
  );
}
