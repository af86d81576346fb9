'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import type { ActionResult } from '@/lib/actions';
import { updateTopUpLimits } from '@/lib/budgets/actions';
import { topUpLimitsSchema } from '@/lib/budgets/schemas';
import type { TopUpLimits, TopUpRole } from '@/lib/budgets/thresholds';
import { formatMinorAsInput, formatMoney } from '@/lib/money';

// Settings → four eyes: the largest top-up each role applies alone. Checked in the browser with the
// server's schema, saved through the action wrapper (ADMIN, audited).

const ROLES: Array<{ role: TopUpRole; label: string }> = [
  { role: 'OPERATOR', label: 'Operator' },
  { role: 'APPROVER', label: 'Approver' },
  { role: 'ADMIN', label: 'Admin' },
];

export function TopUpLimitsForm({ limits, currency, canManage }: { limits: TopUpLimits; currency: string; canManage: boolean }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<TopUpRole, string>>({
    OPERATOR: formatMinorAsInput(limits.OPERATOR, currency),
    APPROVER: formatMinorAsInput(limits.APPROVER, currency),
    ADMIN: formatMinorAsInput(limits.ADMIN, currency),
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { currency, ...values };
    const checked = topUpLimitsSchema.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrorsFromZod(checked.error));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const outcome = await updateTopUpLimits(input);
      setResult(outcome);
      if (outcome.ok) router.refresh();
      else setErrors(outcome.fieldErrors);
    });
  }

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Four eyes on top-ups</CardTitle>
          <CardDescription>The largest top-up each role applies alone. A larger one waits until a different Approver or Admin approves it; reductions never wait.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {canManage ? (
          <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-3" noValidate aria-label="Top-up limits">
            {ROLES.map(({ role, label }) => (
              <Field key={role} label={`${label} (${currency})`} error={errors[role]?.[0]} className="w-44">
                <Input name={role} inputMode="decimal" autoComplete="off" value={values[role]} onChange={(e) => setValues((v) => ({ ...v, [role]: e.target.value }))} />
              </Field>
            ))}
            <Button type="submit" pending={pending} className="mt-7">
              Save limits
            </Button>
            <div className="basis-full">
              <Alert tone={result?.ok ? 'success' : 'error'}>{result?.ok ? 'Saved.' : result && !result.ok && Object.keys(result.fieldErrors).length === 0 ? result.message : null}</Alert>
            </div>
          </form>
        ) : (
          <ul className="text-sm text-slate-700">
            {ROLES.map(({ role, label }) => (
              <li key={role}>
                {label}: up to {formatMoney(limits[role], currency)} alone
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
