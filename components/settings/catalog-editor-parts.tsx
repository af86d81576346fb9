'use client';

import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { z } from 'zod';
import { FORM_ERROR_KEY, type ActionResult } from '@/lib/actions';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import type { FieldErrors } from '@/lib/errors';
import type { SettingRevision } from '@/lib/settings/setting-revision';

// What the two catalog editors of the Settings page share (merchant categories, accounts and
// visuals): the browser check with the action's own schema, one save at a time, the row version
// for the next save, and a summary of the problems that links to each field.

export interface CatalogSaveResult {
  saved: boolean;
  revision: SettingRevision;
}

/** The id of the input a field error belongs to: "categories.2.codes" → "mcc-categories-2-codes". */
export function fieldDomId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/\./g, '-')}`;
}

export function useCatalogSave<S extends z.ZodType, T extends CatalogSaveResult>(schema: S, action: (input: z.input<S>) => Promise<ActionResult<T>>, initialRevision: SettingRevision) {
  const router = useRouter();
  const [revision, setRevision] = useState(initialRevision);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  // A second submit before the first answers would only meet its own write as a conflict.
  const inFlight = useRef(false);

  function save(input: Omit<z.input<S>, 'revision'>, onSaved?: (data: T) => void): boolean {
    if (inFlight.current) return false;
    const full = { ...input, revision } as z.input<S>;
    const checked = schema.safeParse(full);
    setResult(null);
    if (!checked.success) {
      setErrors(fieldErrorsFromZod(checked.error));
      return false;
    }
    setErrors({});
    inFlight.current = true;
    startTransition(async () => {
      try {
        const outcome = await action(full);
        setResult(outcome);
        if (outcome.ok) {
          setRevision(outcome.data.revision);
          onSaved?.(outcome.data);
          router.refresh();
        } else {
          setErrors(outcome.fieldErrors);
        }
      } finally {
        inFlight.current = false;
      }
    });
    return true;
  }

  /** Drops the message of one field once it is edited, and the result banner with it. */
  function clearError(path: string) {
    setResult(null);
    setErrors((current) => {
      if (!(path in current)) return current;
      const { [path]: _dropped, ...rest } = current;
      return rest;
    });
  }

  return { save, pending, errors, setErrors, clearError, result };
}

export function ErrorSummary({ errors, idPrefix, testId }: { errors: FieldErrors; idPrefix: string; testId: string }) {
  const entries = Object.entries(errors).filter(([, messages]) => messages.length > 0);
  if (entries.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid={testId}>
      <p className="font-semibold">{entries.length === 1 ? 'One thing needs attention' : `${entries.length} things need attention`}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {entries.map(([path, messages]) => (
          <li key={path}>
            {path === FORM_ERROR_KEY || !path.includes('.') ? (
              messages[0]
            ) : (
              <a href={`#${fieldDomId(idPrefix, path)}`} className="underline">
                {messages[0]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The visible label, prefixed for screen readers with the row it belongs to ("Account 2, Currency"). */
export function RowLabel({ what, n, text }: { what: string; n: number; text: ReactNode }) {
  return (
    <>
      <span className="sr-only">
        {what} {n},{' '}
      </span>
      {text}
    </>
  );
}

/** The trash button at the end of a row, named after the row it removes. */
export function RemoveRowButton({ what, n, name, disabled, onRemove }: { what: string; n: number; name: string; disabled: boolean; onRemove: () => void }) {
  return (
    <Button variant="ghost" size="icon" disabled={disabled} className="lg:mt-6" aria-label={`Remove ${what} ${n}${name.trim() ? ` (${name.trim()})` : ''}`} onClick={onRemove}>
      <Trash2 aria-hidden="true" className="h-4 w-4" />
    </Button>
  );
}
