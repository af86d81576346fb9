'use client';

import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import { LIMIT_HINTS, LIMIT_KINDS, LIMIT_LABELS, PERIODS, PERIOD_LABELS, limitModesOf, type LimitFormValue, type LimitKind, type LimitMode, type LimitsFormValue, type Period } from '@/lib/approvals/limits';
import { useSparadosFacts } from '@/components/shell/sparados-facts';

// The four spending limits, each left to Sparados' default, disabled (not the general one) or an
// amount per day/week/month (seed 001: there is no "unlimited" to ask for). Used by
// the assign form and the card page's edit form. Controlled: the parent owns the value and parses
// it with the rules schema (lib/approvals/assign-schema.ts), whose error paths this editor reads.

export interface LimitsEditorProps {
  value: LimitsFormValue;
  onChange: (next: LimitsFormValue) => void;
  /** Currency of the account, shown beside the amounts. */
  currency: string;
  /**
   * Messages keyed by the schema's paths: "limits.atm.amount", "limits.atm.period", "limits.atm.mode".
   * Pass the form's whole error map; other keys are ignored.
   */
  errors?: Partial<Record<string, string>>;
  /** Non-blocking notes per limit (e.g. "above the general limit"). */
  warnings?: Partial<Record<LimitKind, string>>;
  disabled?: boolean;
  /** Prefix of the inputs' ids, so two editors on one page stay distinct; ids are `${idPrefix}-limits-${kind}-amount` etc. */
  idPrefix?: string;
  legend?: string;
}

const MODE_LABELS = { default: 'Sparados default', disabled: 'Disabled', amount: 'Amount' } as const satisfies Record<LimitMode, string>;

/** The id of a limit's input, for error summaries that link to it. */
export function limitFieldId(idPrefix: string, kind: LimitKind, part: 'mode' | 'amount' | 'period'): string {
  return `${idPrefix}-limits-${kind}-${part}`;
}

function LimitRow({
  kind,
  value,
  onChange,
  currency,
  errors,
  warning,
  disabled,
  idPrefix,
}: {
  kind: LimitKind;
  value: LimitFormValue;
  onChange: (next: LimitFormValue) => void;
  currency: string;
  errors: Partial<Record<string, string>>;
  warning?: string;
  disabled?: boolean;
  idPrefix: string;
}) {
  const ids = { mode: limitFieldId(idPrefix, kind, 'mode'), amount: limitFieldId(idPrefix, kind, 'amount'), period: limitFieldId(idPrefix, kind, 'period') };
  const hintId = `${idPrefix}-limits-${kind}-hint`;
  const modeError = errors[`limits.${kind}.mode`];
  const amountError = errors[`limits.${kind}.amount`];
  const periodError = errors[`limits.${kind}.period`];
  const warningId = warning ? `${idPrefix}-limits-${kind}-warning` : undefined;
  const describe = (errorId: string | undefined) => [hintId, errorId, warningId].filter(Boolean).join(' ');
  const label = `${LIMIT_LABELS[kind]} limit`;
  const { limitDefault } = useSparadosFacts();
  return (
    <div className="grid gap-2 border-t border-slate-100 py-3 first:border-t-0 sm:grid-cols-[10rem_9rem_1fr] sm:items-start">
      <div>
        <Label id={`${ids.mode}-label`} htmlFor={ids.mode}>
          {label}
        </Label>
        <p id={hintId} className="text-xs text-slate-500">
          {LIMIT_HINTS[kind]}
        </p>
      </div>
      <div>
        <Select
          id={ids.mode}
          value={value.mode}
          disabled={disabled}
          aria-invalid={modeError ? true : undefined}
          aria-describedby={describe(modeError ? `${ids.mode}-error` : undefined)}
          onChange={(event) => onChange({ ...value, mode: event.target.value as LimitMode })}
        >
          {(limitModesOf(kind).includes(value.mode) ? limitModesOf(kind) : [...limitModesOf(kind), value.mode]).map((mode) => (
            <option key={mode} value={mode}>
              {MODE_LABELS[mode]}
            </option>
          ))}
        </Select>
        {modeError ? (
          <p id={`${ids.mode}-error`} className="mt-1 text-sm text-red-700">
            {modeError}
          </p>
        ) : null}
      </div>
      {value.mode === 'amount' ? (
        <div className="flex flex-wrap items-start gap-2">
          <div className="min-w-36 flex-1">
            <div className="relative">
              <Input
                id={ids.amount}
                aria-label={`${label}: amount in ${currency}`}
                inputMode="decimal"
                autoComplete="off"
                value={value.amount}
                disabled={disabled}
                placeholder="0.00"
                className="pr-14"
                aria-invalid={amountError ? true : undefined}
                aria-describedby={describe(amountError ? `${ids.amount}-error` : undefined)}
                onChange={(event) => onChange({ ...value, amount: event.target.value })}
              />
              <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs text-slate-500">
                {currency}
              </span>
            </div>
            {amountError ? (
              <p id={`${ids.amount}-error`} className="mt-1 text-sm text-red-700">
                {amountError}
              </p>
            ) : null}
          </div>
          <div className="w-36">
            <Select
              id={ids.period}
              aria-label={`${label}: period`}
              value={value.period}
              disabled={disabled}
              aria-invalid={periodError ? true : undefined}
              aria-describedby={periodError ? `${ids.period}-error` : undefined}
              onChange={(event) => onChange({ ...value, period: event.target.value as Period })}
            >
              {PERIODS.map((period) => (
                <option key={period} value={period}>
                  {PERIOD_LABELS[period]}
                </option>
              ))}
            </Select>
            {periodError ? (
              <p id={`${ids.period}-error`} className="mt-1 text-sm text-red-700">
                {periodError}
              </p>
            ) : null}
          </div>
        </div>
      ) : (
        <p className="self-center text-sm text-slate-500">{value.mode === 'disabled' ? 'Not allowed at all.' : limitDefault}</p>
      )}
      {warning ? (
        <p id={warningId} className="text-sm text-amber-800 sm:col-span-3">
          {warning}
        </p>
      ) : null}
    </div>
  );
}

export function LimitsEditor({ value, onChange, currency, errors = {}, warnings = {}, disabled, idPrefix = 'card', legend = 'Spending limits' }: LimitsEditorProps) {
  return (
    <fieldset className={cn('rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-xs')}>
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {LIMIT_KINDS.map((kind) => (
        <LimitRow
          key={kind}
          kind={kind}
          value={value[kind]}
          onChange={(next) => onChange({ ...value, [kind]: next })}
          currency={currency}
          errors={errors}
          warning={warnings[kind]}
          disabled={disabled}
          idPrefix={idPrefix}
        />
      ))}
    </fieldset>
  );
}
