'use client';

import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

/** Shows a freshly made invitation link once; the panel keeps only its hash. */
export function InviteLink({ path, email, expiresAt }: { path: string; email: string; expiresAt: string }) {
  const [copied, setCopied] = useState(false);
  const url = typeof window === 'undefined' ? path : `${window.location.origin}${path}`;
  return (
    <div className="space-y-3">
      <Alert tone="success">
        Send this link to {email}. It is shown only now and works once, until {new Date(expiresAt).toLocaleString('en-GB')}.
      </Alert>
      <div className="flex items-end gap-2">
        <Field label="Invitation link" className="min-w-0 flex-1">
          <Input readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        </Field>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(url);
            setCopied(true);
          }}
        >
          {copied ? <Check aria-hidden="true" className="h-4 w-4" /> : <Copy aria-hidden="true" className="h-4 w-4" />}
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </div>
  );
}
