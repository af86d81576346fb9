'use client';

import { Upload } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { TimezoneSelect } from '@/components/cards/timezone-select';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { uploadBulkCsv } from '@/lib/bulk/actions';
import { MAX_BULK_BYTES } from '@/lib/bulk/parse';

// Step one of a bulk import: the file, the account its cards go on and the default zone. The server
// validates every row and the preview page shows the result; nothing is sent to Sparados yet.

export function BulkUpload({ accounts, defaultTimezone }: { accounts: Array<{ cardAliasId: string; name: string; currency: string }>; defaultTimezone: string }) {
  const router = useRouter();
  const [cardAliasId, setCardAliasId] = useState(accounts[0]?.cardAliasId ?? '');
  const [timezone, setTimezone] = useState(defaultTimezone);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setErrors({ file: 'Choose a CSV file' });
      return;
    }
    if (file.size > MAX_BULK_BYTES) {
      setErrors({ file: `The file is larger than ${Math.floor(MAX_BULK_BYTES / 1024)} KB; split it` });
      return;
    }
    form.set('cardAliasId', cardAliasId);
    form.set('timezone', timezone);
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const result = await uploadBulkCsv(form);
      if (result.ok) {
        router.push(`/cards/bulk/${result.data.id}`);
        return;
      }
      const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, v[0]]));
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0) setMessage(result.message);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Upload a CSV file">
      <Alert tone="error">{message}</Alert>
      <Field label="CSV file" hint="Comma- or semicolon-separated, with the column names in the first row. Up to 5,000 rows." error={errors.file}>
        <Input id="bulk-file" name="file" type="file" accept=".csv,text/csv" disabled={pending} className="h-auto py-2" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Account for assigned cards" error={errors.cardAliasId}>
          <Select id="bulk-account" value={cardAliasId} disabled={pending} onChange={(e) => setCardAliasId(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.cardAliasId} value={a.cardAliasId}>
                {a.name} ({a.currency})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Time zone of rows without one" error={errors.timezone}>
          <TimezoneSelect id="bulk-timezone" value={timezone} disabled={pending} onValueChange={setTimezone} />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" pending={pending}>
          <Upload aria-hidden="true" className="h-4 w-4" />
          Check the file
        </Button>
      </div>
    </form>
  );
}
