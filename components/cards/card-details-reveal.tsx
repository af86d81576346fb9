'use client';

import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { revealCardDetailsAction } from '@/lib/card-details/actions';
import { groupCardNumber, newRevealKeys, openCardDetails, type CardDetails } from '@/lib/card-details/browser-keys';

// "Show card details": the clear number, expiry and CVV live only in this component's state, for
// showForSeconds, and are dropped on hide, on timeout and when the page leaves. Deliberately not
// React Query: its cache would keep them (docs/decisions/118).

type Shown = { details: CardDetails; until: number };

function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={`Copy ${what}`}
      onClick={async () => {
        await navigator.clipboard.writeText(value);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}

function Detail({ label, value, display = value, testId }: { label: string; value: string; display?: string; testId: string }) {
  return (
    <div className="flex items-center justify-between gap-3">
      <dt className="w-24 text-slate-600">{label}</dt>
      <dd className="flex-1 font-mono text-base tracking-wider text-slate-900" data-testid={testId}>
        {display}
      </dd>
      <CopyButton value={value} what={label.toLowerCase()} />
    </div>
  );
}

export function CardDetailsReveal({ cardId }: { cardId: string }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const secondsLeft = useSecondsLeft(shown?.until ?? null);

  const hide = () => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
    hideTimer.current = null;
    setShown(null);
  };
  useEffect(() => hide, []);

  async function reveal() {
    setPending(true);
    setError(null);
    try {
      const keys = await newRevealKeys();
      const result = await revealCardDetailsAction({ cardId, publicKey: keys.publicKeyPem });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      const details = await openCardDetails(result.data.jwe, keys.privateKey);
      const showMs = result.data.showForSeconds * 1000;
      setShown({ details, until: Date.now() + showMs });
      hideTimer.current = setTimeout(hide, showMs);
    } catch {
      setError('The card details could not be opened in this browser. Nothing was shown; try again.');
    } finally {
      setPending(false);
    }
  }

  if (!shown) {
    return (
      <div className="space-y-2">
        <Button variant="secondary" pending={pending} onClick={reveal}>
          Show card details
        </Button>
        <Alert tone="error">{error}</Alert>
      </div>
    );
  }
  return (
    <section aria-label="Card details" className="max-w-md space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4 text-sm" data-testid="card-details">
      <dl className="space-y-1">
        <Detail label="Number" value={shown.details.number} display={groupCardNumber(shown.details.number)} testId="card-number" />
        <Detail label="Expiry" value={shown.details.expiry} testId="card-expiry" />
        <Detail label="CVV" value={shown.details.cvv} testId="card-cvv" />
      </dl>
      <div className="flex items-center justify-between gap-3">
        <p className="text-slate-600">Hidden in {secondsLeft} s. Do not send these by e-mail or chat.</p>
        <Button variant="secondary" size="sm" onClick={hide}>
          Hide now
        </Button>
      </div>
    </section>
  );
}
