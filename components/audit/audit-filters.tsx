'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { TimezoneSelect } from '@/components/cards/timezone-select';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { auditSearch, DEFAULT_AUDIT_PAGE_SIZE, type AuditFilterErrors, type AuditQuery } from '@/lib/audit/filters';
import type { AuditFilterOptions } from '@/lib/audit/view-types';

// The audit log's filters as a GET form: they land in the URL (shareable, reload-safe) and work
// without JavaScript. With it, empty fields are left out of the URL. Dates are read in the chosen
// time zone, which starts as the viewer's own (the browser's) unless the URL names one.

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

export function AuditFilters({ query, errors, options, defaultTimeZone }: { query: AuditQuery; errors: AuditFilterErrors; options: AuditFilterOptions; defaultTimeZone: string }) {
  const router = useRouter();
  const [timeZone, setTimeZone] = useState(query.tz ?? defaultTimeZone);
  useEffect(() => {
    if (query.tz) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browser) setTimeZone(browser);
  }, [query.tz]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : null;
    };
    const zone = text('tz');
    router.push(
      `/audit${auditSearch({
        actor: text('actor'),
        action: text('action'),
        card: text('card'),
        from: text('from'),
        to: text('to'),
        // Links stay short while the viewer's zone is the panel's own.
        tz: zone && (zone !== defaultTimeZone || query.tz) ? zone : null,
        size: query.size,
      })}`,
    );
  }

  const describedBy = (field: keyof AuditFilterErrors) => (errors[field] ? `audit-${field}-error` : undefined);
  const invalid = (field: keyof AuditFilterErrors) => (errors[field] ? true : undefined);
  const filtered = Boolean(query.actor || query.action || query.card || query.from || query.to);

  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" onSubmit={submit} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
      {query.size !== DEFAULT_AUDIT_PAGE_SIZE ? <input type="hidden" name="size" value={query.size} /> : null}
      <div className="col-span-2 space-y-1.5">
        <Label htmlFor="audit-actor">Person</Label>
        <Select id="audit-actor" name="actor" defaultValue={query.actor ?? ''} aria-invalid={invalid('actor')} aria-describedby={describedBy('actor')}>
          <option value="">Anyone</option>
          {options.actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </Select>
        <FieldError id="audit-actor-error" message={errors.actor} />
      </div>
      <div className="col-span-2 space-y-1.5">
        <Label htmlFor="audit-action">Action</Label>
        <Select id="audit-action" name="action" defaultValue={query.action ?? ''} aria-invalid={invalid('action')} aria-describedby={describedBy('action')}>
          <option value="">Any action</option>
          {options.actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </Select>
        <FieldError id="audit-action-error" message={errors.action} />
      </div>
      <div className="col-span-2 space-y-1.5">
        <Label htmlFor="audit-card">Card</Label>
        <Input
          id="audit-card"
          name="card"
          type="search"
          defaultValue={query.card ?? ''}
          placeholder="Card or approval id, cardholder, e-mail or description"
          aria-invalid={invalid('card')}
          aria-describedby={describedBy('card')}
        />
        <FieldError id="audit-card-error" message={errors.card} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={query.from ?? ''} aria-invalid={invalid('from')} aria-describedby={describedBy('from')} />
        <FieldError id="audit-from-error" message={errors.from} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={query.to ?? ''} aria-invalid={invalid('to')} aria-describedby={describedBy('to')} />
        <FieldError id="audit-to-error" message={errors.to} />
      </div>
      <div className="col-span-2 space-y-1.5">
        <Label htmlFor="audit-tz">Time zone (for dates and times)</Label>
        <TimezoneSelect id="audit-tz" name="tz" value={timeZone} onValueChange={setTimeZone} aria-invalid={invalid('tz')} aria-describedby={describedBy('tz')} />
        <FieldError id="audit-tz-error" message={errors.tz} />
      </div>
      <div className="col-span-2 flex items-end gap-2">
        <Button type="submit">Apply filters</Button>
        {filtered || query.tz ? (
          <Button variant="ghost" asChild>
            <Link href="/audit">Clear</Link>
          </Button>
        ) : null}
      </div>
    </form>
  );
}
