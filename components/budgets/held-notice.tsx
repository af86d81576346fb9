import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { HeldChangeWords } from '@/lib/budgets/view-types';

// What a form says when the budget policy held its change for a second person: what was asked, which
// limit held it, and what happens next. Nothing was sent to Sparados.

export function HeldNotice({ held, children }: { held: HeldChangeWords; children?: React.ReactNode }) {
  return (
    <Alert tone="warning" data-testid="held-notice">
      <p className="font-medium">Waiting for a second approver</p>
      <p className="mt-1">
        Your request to {held.summary} is {held.reason}. An Approver or Admin other than you approves it in{' '}
        <Link href="/requests#budget-changes" className="underline">
          Requests
        </Link>
        ; only then is it sent to Sparados. Nothing has changed yet.
      </p>
      {children}
    </Alert>
  );
}
