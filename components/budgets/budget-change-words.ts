import { formatMoney, formatMoneyOrUnknown } from '@/lib/money';
import type { BudgetChangeKindName, BudgetChangeState, BudgetChangeView } from '@/lib/budgets/view-types';
import type { BadgeTone } from '@/components/ui/badge';

// How a change held for a second person reads in lists. Client-safe.

export const CHANGE_STATE_LABELS = {
  awaiting_approval: 'Waiting for a second approver',
  approved: 'Approved, sending',
  checking: 'Approved, checking with Sparados',
  applied: 'Approved and applied',
  failed: 'Approved, refused by Sparados',
  declined: 'Declined',
} as const satisfies Record<BudgetChangeState, string>;

export const CHANGE_STATE_TONES = {
  awaiting_approval: 'warning',
  approved: 'info',
  checking: 'info',
  applied: 'success',
  failed: 'danger',
  declined: 'neutral',
} as const satisfies Record<BudgetChangeState, BadgeTone>;

export const CHANGE_KIND_LABELS = {
  TOP_UP: 'Budget change',
  ASSIGN: 'New card',
  EDIT: 'Rules edit',
  ACCEPT_REQUEST: 'Accepting a change request',
  POLICY: 'Budget policy',
  CONTACT: 'Contact data',
} as const satisfies Record<BudgetChangeKindName, string>;

/** "+PLN 1,000.00: budget PLN 500.00 → PLN 1,500.00" for a top-up; what was asked, for anything else. */
export function changeWords(c: Pick<BudgetChangeView, 'deltaMinor' | 'before' | 'after' | 'currency' | 'mode' | 'summary'>): string {
  if (c.deltaMinor === null || !c.before || !c.after) return c.summary.charAt(0).toUpperCase() + c.summary.slice(1);
  const delta = BigInt(c.deltaMinor);
  const sign = delta > 0n ? '+' : '−';
  const abs = delta > 0n ? delta : -delta;
  const target = c.mode === 'TARGET' ? ` (available set to ${formatMoneyOrUnknown(c.after.availableMinor, c.currency)})` : '';
  return `${sign}${formatMoney(abs, c.currency)}: budget ${formatMoney(BigInt(c.before.budgetMinor), c.currency)} → ${formatMoney(BigInt(c.after.budgetMinor), c.currency)}${target}`;
}
