'use client';

import { useEffect } from 'react';
import { limitFieldId } from '@/components/cards/limits-editor';
import { Alert } from '@/components/ui/alert';
import type { ApprovalAction } from '@/lib/approvals/state-machine';
import type { LimitKind } from '@/lib/approvals/limits';
import type { CardFixRequest } from '@/lib/transactions/decline-reasons';

// The card page's side of a decline's "fix" link (`/cards/<id>?fix=limits&limit=atm`): which of the
// page's actions opens, which field of the edit form gets the focus, and a line saying why the form
// opened (or why it cannot). The card page passes the parsed request down; its dialogs open with it.

/** The card action a fix needs (lib/approvals/state-machine's names). */
export function fixAction(fix: CardFixRequest): ApprovalAction {
  return fix.kind === 'topup' ? 'changeBudget' : fix.kind === 'unlock' ? 'unlock' : 'edit';
}

/** Id of the edit form's field a fix is about (the edit dialog's ids use the prefix "edit"). */
export function fixFocusId(fix: CardFixRequest | null | undefined, idPrefix = 'edit'): string | null {
  if (!fix) return null;
  if (fix.kind === 'limits') return limitFieldId(idPrefix, fix.limit, 'mode');
  if (fix.kind === 'mcc') return `${idPrefix}-mcc-categories`;
  if (fix.kind === 'dates') return `${idPrefix}-end-date`;
  return null;
}

/** Focuses and shows the field once the form has mounted (a dialog moves focus first; wait a frame). */
export function useFocusField(id: string | null): void {
  useEffect(() => {
    if (!id) return;
    const frame = window.requestAnimationFrame(() => {
      const element = document.getElementById(id);
      element?.scrollIntoView({ block: 'center' });
      element?.focus();
    });
    return () => window.cancelAnimationFrame(frame);
  }, [id]);
}

const WHAT = {
  topup: 'top up the budget',
  limits: 'change a spending limit',
  mcc: 'change the merchant rules',
  unlock: 'unlock the card',
  dates: 'change the validity dates',
} as const satisfies Record<CardFixRequest['kind'], string>;

const LIMIT_NAMES = { general: 'general', ecommerce: 'online', atm: 'ATM', foreign: 'foreign' } as const satisfies Record<LimitKind, string>;

export function CardFixNotice({ fix, available }: { fix: CardFixRequest | null; available: boolean }) {
  if (!fix) return null;
  const what = fix.kind === 'limits' ? `change the ${LIMIT_NAMES[fix.limit]} limit` : WHAT[fix.kind];
  return (
    <Alert tone={available ? 'info' : 'warning'} data-testid="card-fix-notice">
      {available
        ? `Opened from a declined payment: ${what} to let payments like it through.`
        : `A declined payment suggested to ${what}, but that cannot be done now: the card is not in a state that allows it, or your role does not.`}
    </Alert>
  );
}
