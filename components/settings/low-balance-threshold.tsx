'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { fieldError, type ActionResult } from '@/lib/actions';
import { updateLowBalanceThreshold } from '@/lib/dashboard/actions';
import { lowBalanceThresholdSchema } from '@/lib/dashboard/threshold-schema';
import { formatMinorAsInput, formatMoney } from '@/lib/money';

// Settings → the dashboard's low-balance alert. Checked in the browser with the server's schema,
// saved through the action wrapper (ADMIN, audited).

export function LowBalanceThresholdForm({ thresholdMinor, currency, canManage }: { thresholdMinor: number; currency: string; canManage: boolean }) {
  const router = useRouter();
  const [amount, setAmount] = useState(formatMinorAsInput(thresholdMinor, currency));
  const [localError, setLocalError] = useState<string | undefined>();
  const [result, setResult] = useState<ActionResult<{ thresholdMinor: number }> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = lowBalanceThresholdSchema.safeParse({ currency, amount });
    if (!checked.success) {
      setLocalError(checked.error.issues[0]?.message);
      return;
    }
    setLocalError(undefined);
    startTransition(async () => {
      const outcome = await updateLowBalanceThreshold({ currency, amount });
      setResult(outcome);
      if (outcome.ok) router.refresh();
    });
  }

  const error = localError ?? fieldError(result, 'amount');
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Low-balance alert</CardTitle>
          <CardDescription>The dashboard warns when an account’s available balance falls below this amount.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {canManage ? (
          <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-3" noValidate aria-label="Low-balance alert">
            <Field label={`Alert below (${currency})`} error={error} className="w-56">
              <Input name="amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </Field>
            <Button type="submit" pending={pending} className="mt-7">
              Save
            </Button>
            <div className="basis-full">
              <Alert tone={result?.ok ? 'success' : 'error'}>
                {result?.ok ? `Saved: alert below ${formatMoney(result.data.thresholdMinor, currency)}.` : result && !result.ok && !result.fieldErrors.amount ? result.message : null}
              </Alert>
            </div>
          </form>
        ) : (
          <p className="text-sm text-slate-700">Alert below {formatMoney(thresholdMinor, currency)}.</p>
        )}
      </CardContent>
    </Card>
  );
}
