'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { BudgetChangesTable } from '@/components/requests/budget-changes';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import type { ActionResult } from '@/lib/actions';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { updateBudgetPolicy } from '@/lib/budgets/actions';
import { ALLOWANCE_FIELDS, ALLOWANCE_LABELS, POLICY_ROLES, type AllowanceField, type BudgetPolicy, type PolicyRole } from '@/lib/budgets/policy';
import { budgetPolicySchema, type BudgetPolicyInput } from '@/lib/budgets/schemas';
import type { BudgetChangeView } from '@/lib/budgets/view-types';
import { formatMinorAsInput, formatMoney } from '@/lib/money';

// Settings → the budget policy (docs/decisions/105): per role, what one person may add alone. Checked in
// the browser with the server's schema; a tightening applies at once, a loosening waits for another Admin
// (listed below, approved or declined there).

type Values = Record<PolicyRole, Record<AllowanceField, string>>;

function valuesOf(policy: BudgetPolicy, currency: string): Values {
  return Object.fromEntries(POLICY_ROLES.map((role) => [role, Object.fromEntries(ALLOWANCE_FIELDS.map((f) => [f, formatMinorAsInput(policy[role][f], currency)]))])) as Values;
}

type Outcome = { outcome: 'applied' | 'held'; differences: string[] };

export function BudgetPolicyForm({
  policy,
  revision,
  currency,
  canManage,
  pending,
  userId,
  role,
  timezone,
}: {
  policy: BudgetPolicy;
  revision: string | null;
  currency: string;
  canManage: boolean;
  pending: BudgetChangeView[];
  userId: string;
  role: Role;
  timezone: string;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => valuesOf(policy, currency));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<ActionResult<Outcome> | null>(null);
  const [saving, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input: BudgetPolicyInput = { currency, revision, roles: values };
    const checked = budgetPolicySchema.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrorsFromZod(checked.error));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const outcome = await updateBudgetPolicy(input);
      setResult(outcome);
      // Held for another Admin: the form goes back to the policy in force; the request is listed below.
      if (outcome.ok && outcome.data.outcome === 'held') setValues(valuesOf(policy, currency));
      if (outcome.ok) router.refresh();
      else setErrors(outcome.fieldErrors);
    });
  }

  const set = (role: PolicyRole, field: AllowanceField) => (value: string) => setValues((v) => ({ ...v, [role]: { ...v[role], [field]: value } }));
  const firstError = Object.values(errors)[0]?.[0];
  const message =
    result?.ok === true
      ? result.data.outcome === 'applied'
        ? 'Saved: the tighter limits apply from now on.'
        : 'Saved as a request: it raises what people may do alone, so another Admin must approve it below before it applies.'
      : result && !result.ok && Object.keys(result.fieldErrors).length === 0
        ? result.message
        : (firstError ?? null);

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Budget policy</CardTitle>
          <CardDescription>
            What one person may add to cards on their own, per role ({currency}). Anything more — assigning, editing, topping up or accepting a change request, one card at a time or in bulk — waits
            until a different Approver or Admin approves it. Reductions never wait. Tightening applies at once; loosening needs another Admin.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={onSubmit} noValidate aria-label="Budget policy" className="space-y-3">
          <Table>
            <TableCaption>What each role may add alone</TableCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Role</TableHeaderCell>
                {ALLOWANCE_FIELDS.map((field) => (
                  <TableHeaderCell key={field} className="whitespace-normal">
                    {ALLOWANCE_LABELS[field]}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {POLICY_ROLES.map((r) => (
                <TableRow key={r}>
                  <TableCell className="font-medium">{ROLE_LABELS[r]}</TableCell>
                  {ALLOWANCE_FIELDS.map((field) => (
                    <TableCell key={field}>
                      {canManage ? (
                        <Input
                          aria-label={`${ROLE_LABELS[r]}: ${ALLOWANCE_LABELS[field].toLowerCase()} (${currency})`}
                          aria-invalid={errors[`roles.${r}.${field}`] ? true : undefined}
                          inputMode="decimal"
                          autoComplete="off"
                          className="w-32"
                          value={values[r][field]}
                          onChange={(e) => set(r, field)(e.target.value)}
                        />
                      ) : (
                        <span className="tabular-nums">{formatMoney(policy[r][field], currency)}</span>
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Alert tone={result?.ok ? (result.data.outcome === 'held' ? 'warning' : 'success') : 'error'}>{message}</Alert>
          {canManage ? (
            <Button type="submit" pending={saving}>
              Save policy
            </Button>
          ) : null}
        </form>
        {pending.length > 0 ? (
          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-900">Waiting for another Admin</h3>
            <BudgetChangesTable changes={pending} caption="Policy changes waiting for approval" userId={userId} role={role} timezone={timezone} />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
