'use client';

import { Plus } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { AccountsSetting } from '@/lib/accounts/schema';
import { accountsFormSchema, toAccountRows, type AccountRow, type VisualRow } from '@/lib/settings/accounts-form';
import { updateAccounts } from '@/lib/settings/catalog-actions';
import type { RowState } from '@/lib/settings/catalog-queries';
import type { SettingRevision } from '@/lib/settings/setting-revision';
import type { SparadosEnvironment } from '@/lib/sparados/config';
import { ErrorSummary, RemoveRowButton, RowLabel, fieldDomId, useCatalogSave } from './catalog-editor-parts';

// Settings → the accounts (Card Alias IDs) and card visuals the assign form offers on BETA and
// Production, copied from the Corporate Panel because no API lists them (docs/decisions/071).
// In the sandbox the sandbox publishes its own, so this list waits for a real environment.

const ID_PREFIX = 'accounts';

const ENVIRONMENT_NAMES = { sandbox: 'Sandbox', beta: 'BETA', prod: 'Production' } as const satisfies Record<SparadosEnvironment, string>;

type Keyed<T> = T & { uid: number };

export interface AccountsEditorProps {
  setting: AccountsSetting | null;
  revision: SettingRevision;
  state: RowState;
  environment: SparadosEnvironment;
  canManage: boolean;
}

function SourceNote({ environment, state }: { environment: SparadosEnvironment; state: RowState }) {
  const active = (
    <>
      Active environment: <Badge tone={environment === 'sandbox' ? 'neutral' : 'info'}>{ENVIRONMENT_NAMES[environment]}</Badge>.{' '}
    </>
  );
  if (environment === 'sandbox') {
    return (
      <Alert tone="info" data-testid="accounts-source-note">
        {active}The assign form takes its accounts and visuals from the sandbox itself. This list is what the panel uses on BETA and Production; saving it here changes nothing in the
        sandbox.
      </Alert>
    );
  }
  return (
    <Alert tone={state === 'saved' ? 'info' : 'warning'} data-testid="accounts-source-note">
      {active}
      {state === 'saved'
        ? 'The assign form offers exactly these accounts and visuals.'
        : state === 'missing'
          ? 'Nothing is saved yet, so the assign form offers the one account of SPARADOS_CARD_ALIAS_ID and SPARADOS_BALANCE_ID and no visuals. Save a list to replace it.'
          : 'The stored list could not be read, so the assign form falls back to the account of SPARADOS_CARD_ALIAS_ID. Saving replaces the stored list.'}
    </Alert>
  );
}

export function AccountsVisualsEditor({ setting, revision, state, environment, canManage }: AccountsEditorProps) {
  const nextUid = useRef(0);
  // Until React has hydrated, the buttons would do nothing (or submit natively): keep them off.
  const hydrated = useHydrated();
  const keyed = <T,>(rows: T[]): Array<Keyed<T>> => rows.map((row) => ({ ...row, uid: nextUid.current++ }));
  const initial = toAccountRows(setting);
  const [accounts, setAccounts] = useState(() => keyed(initial.accounts));
  const [visuals, setVisuals] = useState(() => keyed(initial.visuals));
  const { save, pending, errors, setErrors, clearError, result } = useCatalogSave(accountsFormSchema, updateAccounts, revision);

  const editAccount = (uid: number, index: number, field: keyof AccountRow, value: string) => {
    clearError(`accounts.${index}.${field}`);
    clearError('accounts');
    setAccounts((rows) => rows.map((row) => (row.uid === uid ? { ...row, [field]: value } : row)));
  };
  const editVisual = (uid: number, index: number, field: keyof VisualRow, value: string) => {
    clearError(`visuals.${index}.${field}`);
    setVisuals((rows) => rows.map((row) => (row.uid === uid ? { ...row, [field]: value } : row)));
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const strip = <T extends { uid: number }>({ uid: _uid, ...row }: T) => row;
    save({ accounts: accounts.map(strip), visuals: visuals.map(strip) }, (data) => {
      const saved = toAccountRows(data.after);
      setAccounts(keyed(saved.accounts));
      setVisuals(keyed(saved.visuals));
    });
  }

  const readOnly = (
    <div className="space-y-3 text-sm text-slate-700">
      <ul>
        {(setting?.accounts ?? []).map((a) => (
          <li key={a.cardAliasId}>
            {a.name} ({a.currency}): Card Alias ID {a.cardAliasId}
            {a.balanceId ? `, balance ${a.balanceId}` : ''}
          </li>
        ))}
      </ul>
      <ul>
        {(setting?.visuals ?? []).map((v) => (
          <li key={v.id}>
            Visual {v.name}: {v.id}
          </li>
        ))}
      </ul>
    </div>
  );

  return (
    <Card aria-labelledby="accounts-visuals-title">
      <CardHeader>
        <div>
          <CardTitle id="accounts-visuals-title">Accounts and card visuals</CardTitle>
          <CardDescription>The accounts cards are assigned on and the card designs, as the Sparados Corporate Panel lists them (Accounts, Card visuals). No API lists them, so copy them here.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        <SourceNote environment={environment} state={state} />
        {!canManage ? (
          readOnly
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Accounts and card visuals">
            <ErrorSummary errors={errors} idPrefix={ID_PREFIX} testId="accounts-errors" />

            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold text-slate-900">Accounts</legend>
              <p className="text-sm text-slate-600">The first account is the assign form’s default. The balance id is optional: without it no balance is shown or checked.</p>
              <ol className="space-y-3">
                {accounts.map((row, index) => {
                  const n = index + 1;
                  const path = (field: keyof AccountRow) => `accounts.${index}.${field}`;
                  const input = (field: keyof AccountRow, props: { placeholder?: string; className?: string; maxLength?: number } = {}) => (
                    <Input
                      id={fieldDomId(ID_PREFIX, path(field))}
                      value={row[field]}
                      autoComplete="off"
                      spellCheck={false}
                      {...props}
                      onChange={(e) => editAccount(row.uid, index, field, e.target.value)}
                    />
                  );
                  return (
                    <li key={row.uid} className="rounded-md border border-slate-200 px-4 py-3" data-testid={`account-${n}`}>
                      <div className="grid items-start gap-3 lg:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_minmax(0,1fr)_6rem_auto]">
                        <Field label={<RowLabel what="Account" n={n} text="Name" />} error={errors[path('name')]?.[0]}>
                          {input('name')}
                        </Field>
                        <Field label={<RowLabel what="Account" n={n} text="Card Alias ID" />} error={errors[path('cardAliasId')]?.[0]}>
                          {input('cardAliasId', { className: 'font-mono' })}
                        </Field>
                        <Field label={<RowLabel what="Account" n={n} text="Balance id (optional)" />} error={errors[path('balanceId')]?.[0]}>
                          {input('balanceId', { className: 'font-mono' })}
                        </Field>
                        <Field label={<RowLabel what="Account" n={n} text="Currency" />} error={errors[path('currency')]?.[0]}>
                          {input('currency', { placeholder: 'PLN', maxLength: 8, className: 'uppercase' })}
                        </Field>
                        <RemoveRowButton
                          what="account"
                          n={n}
                          name={row.name}
                          disabled={!hydrated}
                          onRemove={() => {
                            setErrors({});
                            setAccounts((rows) => rows.filter((r) => r.uid !== row.uid));
                          }}
                        />
                      </div>
                    </li>
                  );
                })}
              </ol>
              <Button variant="secondary" disabled={!hydrated} onClick={() => setAccounts((rows) => [...rows, ...keyed([{ name: '', cardAliasId: '', balanceId: '', currency: '' }])])}>
                <Plus aria-hidden="true" className="h-4 w-4" />
                Add account
              </Button>
            </fieldset>

            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold text-slate-900">Card visuals</legend>
              <p className="text-sm text-slate-600">Without visuals the assign form offers only Sparados’s default design.</p>
              <ol className="space-y-3">
                {visuals.map((row, index) => {
                  const n = index + 1;
                  const path = (field: keyof VisualRow) => `visuals.${index}.${field}`;
                  return (
                    <li key={row.uid} className="rounded-md border border-slate-200 px-4 py-3" data-testid={`visual-${n}`}>
                      <div className="grid items-start gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
                        <Field label={<RowLabel what="Visual" n={n} text="Visual id" />} error={errors[path('id')]?.[0]}>
                          <Input
                            id={fieldDomId(ID_PREFIX, path('id'))}
                            value={row.id}
                            className="font-mono"
                            autoComplete="off"
                            spellCheck={false}
                            onChange={(e) => editVisual(row.uid, index, 'id', e.target.value)}
                          />
                        </Field>
                        <Field label={<RowLabel what="Visual" n={n} text="Name" />} error={errors[path('name')]?.[0]}>
                          <Input id={fieldDomId(ID_PREFIX, path('name'))} value={row.name} autoComplete="off" onChange={(e) => editVisual(row.uid, index, 'name', e.target.value)} />
                        </Field>
                        <RemoveRowButton
                          what="visual"
                          n={n}
                          name={row.name}
                          disabled={!hydrated}
                          onRemove={() => {
                            setErrors({});
                            setVisuals((rows) => rows.filter((r) => r.uid !== row.uid));
                          }}
                        />
                      </div>
                    </li>
                  );
                })}
              </ol>
              <Button variant="secondary" disabled={!hydrated} onClick={() => setVisuals((rows) => [...rows, ...keyed([{ id: '', name: '' }])])}>
                <Plus aria-hidden="true" className="h-4 w-4" />
                Add visual
              </Button>
            </fieldset>

            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" pending={pending} disabled={!hydrated}>
                Save accounts and visuals
              </Button>
            </div>
            <Alert tone={result?.ok ? 'success' : 'error'}>
              {result?.ok
                ? result.data.saved
                  ? `Saved: ${plural(result.data.after.accounts.length, 'account')} and ${plural(result.data.after.visuals.length, 'visual')}.`
                  : 'Nothing to save: the list is as stored.'
                : result && !result.ok && Object.keys(result.fieldErrors).length === 0
                  ? result.message
                  : null}
            </Alert>
          </form>
        )}
      </CardContent>
    </Card>
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
