'use client';

import { Download } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** Recovery codes, shown once: each works one time, for signing in without the phone. */
export function RecoveryCodes({ codes, email }: { codes: string[]; email: string }) {
  const text = `Sparados panel recovery codes for ${email}\nEach code works once.\n\n${codes.join('\n')}\n`;
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Keep these codes somewhere safe, away from your phone. Each one signs you in once if you lose the app. They are not shown again.
      </p>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 font-mono text-sm text-slate-900">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Button asChild variant="secondary" size="sm">
        <a href={href} download="sparados-panel-recovery-codes.txt">
          <Download aria-hidden="true" className="h-4 w-4" />
          Download as a text file
        </a>
      </Button>
    </div>
  );
}
