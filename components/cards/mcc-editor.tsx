'use client';

import { useId } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { MCC_MODES, MCC_MODE_LABELS, mccCodesOf, parseMccCodes, type MccCategory, type MccMode } from '@/lib/approvals/mcc';

// The merchant rule: none, an allow-list or a block-list of named categories (from Settings) and
// raw four-digit codes. Controlled; errors are read by the rules schema's paths (mcc.categories, mcc.codes).

export interface MccFormValue {
  mode: MccMode;
  categories: string[];
  codes: string;
}

export interface MccEditorProps {
  value: MccFormValue;
  onChange: (next: MccFormValue) => void;
  categories: readonly MccCategory[];
  errors?: Partial<Record<string, string>>;
  disabled?: boolean;
  idPrefix?: string;
}

export function MccEditor({ value, onChange, categories, errors = {}, disabled, idPrefix = 'card' }: MccEditorProps) {
  const name = useId();
  const codesId = `${idPrefix}-mcc-codes`;
  const categoriesId = `${idPrefix}-mcc-categories`;
  const parsed = parseMccCodes(value.codes);
  const total = mccCodesOf(value.categories, parsed.ok ? parsed.codes : [], categories).length;
  const categoriesError = errors['mcc.categories'];
  const codesError = errors['mcc.codes'];
  const toggle = (key: string, on: boolean) =>
    onChange({ ...value, categories: on ? [...value.categories, key] : value.categories.filter((k) => k !== key) });

  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <legend className="px-1 text-sm font-semibold text-slate-900">Merchants</legend>
      <div role="radiogroup" aria-label="Merchant rule" className="flex flex-wrap gap-x-6 gap-y-2">
        {MCC_MODES.map((mode) => (
          <label key={mode} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              value={mode}
              checked={value.mode === mode}
              disabled={disabled}
              onChange={() => onChange({ ...value, mode })}
              className="h-4 w-4 accent-indigo-600"
            />
            {MCC_MODE_LABELS[mode]}
          </label>
        ))}
      </div>
      {value.mode !== 'none' ? (
        <div className="mt-4 space-y-4">
          <fieldset id={categoriesId} tabIndex={-1} aria-describedby={categoriesError ? `${categoriesId}-error` : undefined}>
            <legend className="text-sm font-medium text-slate-800">Categories</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {categories.map((category) => (
                <label key={category.key} className="flex items-start gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    checked={value.categories.includes(category.key)}
                    disabled={disabled}
                    onChange={(event) => toggle(category.key, event.target.checked)}
                    className="mt-0.5 h-4 w-4 accent-indigo-600"
                  />
                  <span>
                    {category.label}
                    <span className="block text-xs text-slate-500">{category.codes.join(', ')}</span>
                  </span>
                </label>
              ))}
            </div>
            {categoriesError ? (
              <p id={`${categoriesId}-error`} className="mt-1 text-sm text-red-700">
                {categoriesError}
              </p>
            ) : null}
          </fieldset>
          <div className="space-y-1.5">
            <Label htmlFor={codesId}>Other MCC codes</Label>
            <Input
              id={codesId}
              value={value.codes}
              disabled={disabled}
              placeholder="e.g. 5411, 5999-6001"
              autoComplete="off"
              aria-invalid={codesError ? true : undefined}
              aria-describedby={[`${codesId}-hint`, codesError ? `${codesId}-error` : null].filter(Boolean).join(' ')}
              onChange={(event) => onChange({ ...value, codes: event.target.value })}
            />
            <p id={`${codesId}-hint`} className="text-xs text-slate-500">
              Four-digit codes or ranges, separated by commas, spaces, ; or |. {value.mode === 'allow' ? 'Only' : 'All but'} these {total} codes will be accepted.
            </p>
            {codesError ? (
              <p id={`${codesId}-error`} className="text-sm text-red-700">
                {codesError}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
