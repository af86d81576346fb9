import { formatMoney } from '@/lib/money';
import type { BudgetChangeState, BudgetChangeView } from '@/lib/requests/view-types';
import type { BadgeTone } from '@/components/ui/badge';

// How a four-eyes budget change reads in lists. Client-safe.

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

export function changeWords(c: Pick<BudgetChangeView, 'deltaMinor' | 'before' | 'after' | 'currency' | 'mode'>): string {
  const delta = BigInt(c.deltaMinor);
  const sign = delta > 0n ? '+' : '−';
  const abs = delta > 0n ? delta : -delta;
  const target = c.mode === 'TARGET' ? ` (available set to ${formatMoney(BigInt(c.after.availableMinor), c.currency)})` : '';
  return `${sign}${formatMoney(abs, c.currency)}: budget ${formatMoney(BigInt(c.before.budgetMinor), c.currency)} → ${formatMoney(BigInt(c.after.budgetMinor), c.currency)}${target}`;
}
