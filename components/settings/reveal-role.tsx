'use client';

import { ROLE_LABELS } from '@/lib/auth/permissions';
import { setRevealRole } from '@/lib/card-details/actions';
import { REVEAL_ROLE_CHOICES, REVEAL_WINDOW_MINUTES, REVEALS_PER_WINDOW, SHOW_FOR_SECONDS, type RevealRole } from '@/lib/card-details/policy';
import { ChoiceSettingForm } from './choice-setting-form';

// Settings → who may open a card's number, expiry and CVV ("Show card details", Full API only).

const WHO: Record<RevealRole, string> = {
  OPERATOR: 'Operators, Approvers and Admins: whoever hands out cards can help a cardholder pay.',
  APPROVER: 'Approvers and Admins.',
  ADMIN: 'Admins only (the default).',
};

const CHOICES = REVEAL_ROLE_CHOICES.map((role) => ({ value: role, label: `${ROLE_LABELS[role]} and above`, description: WHO[role] }));

export function RevealRoleForm({ role, canManage, fullApi }: { role: RevealRole; canManage: boolean; fullApi: boolean }) {
  return (
    <ChoiceSettingForm
      id="reveal-role"
      title="Who may see card details"
      description={`“Show card details” on an active card shows its number, expiry and CVV for ${SHOW_FOR_SECONDS} s, decrypted in the viewer's browser only; each request is in the audit log, at most ${REVEALS_PER_WINDOW} per person in ${REVEAL_WINDOW_MINUTES} minutes.${fullApi ? '' : ' It needs the Full API: under your Simple contract nobody is offered it.'}`}
      legend="Lowest role that may see card details"
      choices={CHOICES}
      value={role}
      canManage={canManage}
      saveLabel="Save"
      save={(choice) => setRevealRole({ role: choice })}
    />
  );
}
