'use client';

import { Plus, RotateCcw } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { MccCategory } from '@/lib/approvals/mcc';
import { updateMccCategories } from '@/lib/settings/catalog-actions';
import type { RowState } from '@/lib/settings/catalog-queries';
import { defaultCategoryRows, keyFromLabel, mccCategoriesFormSchema, toCategoryRows, uniqueKey, type MccCategoryRow } from '@/lib/settings/mcc-categories-form';
import type { SettingRevision } from '@/lib/settings/setting-revision';
import { ErrorSummary, RemoveRowButton, RowLabel, fieldDomId, useCatalogSave } from './catalog-editor-parts';

// Settings → the named merchant categories the assign form offers for its merchant rule
// (docs/decisions/072). The whole list is edited here and saved at once on the version it was
// loaded at; the browser checks it with the action's schema first.

const ID_PREFIX = 'mcc';

interface DraftRow extends MccCategoryRow {
  /** React key; rows have no id of their own until saved. */
  uid: number;
  /** Saved keys stay fixed: CSV files name categories by them. */
  saved: boolean;
  /** A new row's key follows its name until typed into. */
  keyTyped: boolean;
}

export interface MccCategoriesEditorProps {
  categories: MccCategory[];
  revision: SettingRevision;
  state: RowState;
  canManage: boolean;
}

export function MccCategoriesEditor({ categories, revision, state, canManage }: MccCategoriesEditorProps) {
  const nextUid = useRef(0);
  // Until React has hydrated, the buttons would do nothing (or submit natively): keep them off.
  const hydrated = useHydrated();
  const toDraft = (rows: MccCategoryRow[], savedKeys: ReadonlySet<string>): DraftRow[] =>
    rows.map((row) => ({ ...row, uid: nextUid.current++, saved: savedKeys.has(row.key), keyTyped: false }));
  const [savedCategories, setSavedCategories] = useState(categories);
  const savedKeys = new Set(savedCategories.map((c) => c.key));
  const [rows, setRows] = useState<DraftRow[]>(() => toDraft(toCategoryRows(categories), new Set(categories.map((c) => c.key))));
  const [restored, setRestored] = useState(false);
  const { save, pending, errors, setErrors, clearError, result } = useCatalogSave(mccCategoriesFormSchema, updateMccCategories, revision);

  const draftKeys = new Set(rows.map((r) => r.key.trim()));
  const removed = savedCategories.filter((c) => !draftKeys.has(c.key));

  function update(uid: number, index: number, field: 'label' | 'key' | 'codes', value: string) {
    clearError(`categories.${index}.${field}`);
    if (field === 'label') clearError(`categories.${index}.key`);
    setRows((current) =>
      current.map((row) => {
        if (row.uid !== uid) return row;
        if (field === 'key') return { ...row, key: value, keyTyped: true };
        if (field === 'label' && !row.saved && !row.keyTyped) {
          const others = current.filter((r) => r.uid !== uid).map((r) => r.key);
          return { ...row, label: value, key: value.trim() ? uniqueKey(keyFromLabel(value), others) : '' };
        }
        return { ...row, [field]: value };
      }),
    );
  }

  function add() {
    setRows((current) => [...current, { key: '', label: '', codes: '', uid: nextUid.current++, saved: false, keyTyped: false }]);
  }

  function remove(uid: number) {
    // Messages point at row numbers, which move up: check again on the next save.
    setErrors({});
    setRows((current) => current.filter((row) => row.uid !== uid));
  }

  function restoreDefaults() {
    setErrors({});
    setRows(toDraft(defaultCategoryRows(), savedKeys));
    setRestored(true);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ categories: rows.map(({ key, label, codes }) => ({ key, label, codes })) }, (data) => {
      setSavedCategories(data.after);
      const keys = new Set(data.after.map((c) => c.key));
      setRows(toDraft(toCategoryRows(data.after), keys));
      setRestored(false);
    });
  }

  return (
    <Card aria-labelledby="mcc-categories-title">
      <CardHeader>
        <div>
          <CardTitle id="mcc-categories-title">Merchant categories</CardTitle>
          <CardDescription>
            The named groups of merchant category codes (MCC) the assign and edit forms offer for the merchant rule. Codes are four digits; a range such as 3000-3350 includes both ends.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        {state === 'invalid' ? (
          <Alert tone="warning">The stored list could not be read, so the panel offers the default categories shown here. Saving replaces the stored list.</Alert>
        ) : null}
        {canManage ? (
          <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Merchant categories">
            <ErrorSummary errors={errors} idPrefix={ID_PREFIX} testId="mcc-categories-errors" />
            <p className="text-sm text-slate-600">
              A category’s key is what bulk CSV files name in their mccAllow and mccBlock columns; it is made from the name when you add a category and stays fixed once saved.
            </p>
            <ol className="space-y-3">
              {rows.map((row, index) => {
                const n = index + 1;
                const path = (field: string) => `categories.${index}.${field}`;
                return (
                  <li key={row.uid} className="rounded-md border border-slate-200 px-4 py-3" data-testid={`mcc-category-${n}`}>
                    <div className="grid items-start gap-3 lg:grid-cols-[minmax(0,14rem)_minmax(0,11rem)_minmax(0,1fr)_auto]">
                      <Field label={<RowLabel what="Category" n={n} text="Name" />} error={errors[path('label')]?.[0]}>
                        <Input id={fieldDomId(ID_PREFIX, path('label'))} value={row.label} maxLength={120} autoComplete="off" onChange={(e) => update(row.uid, index, 'label', e.target.value)} />
                      </Field>
                      <Field label={<RowLabel what="Category" n={n} text="Key" />} error={errors[path('key')]?.[0]}>
                        <Input
                          id={fieldDomId(ID_PREFIX, path('key'))}
                          value={row.key}
                          readOnly={row.saved}
                          className={row.saved ? 'bg-slate-50 font-mono text-slate-600' : 'font-mono'}
                          autoComplete="off"
                          spellCheck={false}
                          onChange={(e) => update(row.uid, index, 'key', e.target.value)}
                        />
                      </Field>
                      <Field label={<RowLabel what="Category" n={n} text="Codes" />} error={errors[path('codes')]?.[0]}>
                        <Input
                          id={fieldDomId(ID_PREFIX, path('codes'))}
                          value={row.codes}
                          placeholder="e.g. 5812, 5813, 3000-3350"
                          autoComplete="off"
                          spellCheck={false}
                          onChange={(e) => update(row.uid, index, 'codes', e.target.value)}
                        />
                      </Field>
                      <RemoveRowButton what="category" n={n} name={row.label} disabled={!hydrated} onRemove={() => remove(row.uid)} />
                    </div>
                  </li>
                );
              })}
            </ol>
            {rows.length === 0 ? <p className="text-sm text-slate-600">No categories: the merchant rule then takes raw codes only.</p> : null}

            {removed.length > 0 ? (
              <Alert tone="warning" data-testid="mcc-removed-note">
                On save, {removed.map((c) => `“${c.label}”`).join(', ')} will no longer be offered. Cards already assigned keep their merchant rules: their approvals hold the
                codes themselves, not the category. Bulk CSV rows that name {removed.length === 1 ? 'its key' : 'these keys'} will be refused.
              </Alert>
            ) : null}
            {restored ? <Alert tone="info">The default categories are in the form. Save to use them.</Alert> : null}

            <div className="flex flex-wrap items-center gap-3">
              <Button variant="secondary" disabled={!hydrated} onClick={add}>
                <Plus aria-hidden="true" className="h-4 w-4" />
                Add category
              </Button>
              <Button variant="secondary" disabled={!hydrated} onClick={restoreDefaults}>
                <RotateCcw aria-hidden="true" className="h-4 w-4" />
                Restore defaults
              </Button>
              <Button type="submit" pending={pending} disabled={!hydrated}>
                Save categories
              </Button>
            </div>
            <Alert tone={result?.ok ? 'success' : 'error'}>
              {result?.ok
                ? result.data.saved
                  ? `Saved: ${result.data.after.length} categor${result.data.after.length === 1 ? 'y' : 'ies'}.`
                  : 'Nothing to save: the list is as stored.'
                : result && !result.ok && Object.keys(result.fieldErrors).length === 0
                  ? result.message
                  : null}
            </Alert>
          </form>
        ) : (
          <ul className="space-y-1 text-sm text-slate-700">
            {categories.map((c) => (
              <li key={c.key}>
                {c.label}: <span className="text-slate-500">{c.codes.join(', ')}</span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
