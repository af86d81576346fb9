// Human names for the dotted action names audit events carry. Client-safe. `label` names what
// happened (the audit log's action filter); `attempt` completes "tried to …" for a refused action,
// whose audit entry names the action definition (some of which, like searches, never write
// entries of their own). Names missing here still read acceptably through the fallbacks below.

export interface ActionLabel {
  label: string;
  attempt?: string;
}

export const ACTION_LABELS: Record<string, ActionLabel> = {
  'access.denied': { label: 'Access refused' },
  'auth.sign_in': { label: 'Signed in', attempt: 'sign in' },
  'auth.sign_out': { label: 'Signed out', attempt: 'sign out' },
  'auth.locked': { label: 'Sign-in locked' },
  'auth.two_factor': { label: 'Sign-in completed with a second factor', attempt: 'complete sign-in with a code' },
  'auth.two_factor_start': { label: 'Two-factor set-up started', attempt: 'set up two-factor sign-in' },
  'auth.two_factor_on': { label: 'Two-factor sign-in turned on', attempt: 'turn on two-factor sign-in' },
  'auth.two_factor_off': { label: 'Two-factor sign-in turned off', attempt: 'turn off two-factor sign-in' },
  'auth.recovery_codes': { label: 'Recovery codes renewed', attempt: 'make new recovery codes' },
  'users.reset_two_factor': { label: 'Two-factor sign-in reset', attempt: "reset someone's two-factor sign-in" },
  'users.invite': { label: 'Admin user invited', attempt: 'invite an admin user' },
  'users.invitation_renew': { label: 'Invitation link renewed', attempt: 'renew an invitation link' },
  'users.invitation_accept': { label: 'Invitation accepted', attempt: 'accept an invitation' },
  // Written by single sign-on before it used the same name as the password path.
  'users.invitation_accepted': { label: 'Invitation accepted (single sign-on)' },
  'users.sso_created': { label: 'Admin user added by single sign-on' },
  'users.set_status': { label: 'Admin user enabled or disabled', attempt: 'enable or disable an admin user' },
  'users.disable': { label: 'Admin user disabled' },
  'users.enable': { label: 'Admin user enabled' },
  'users.change_role': { label: 'Role changed', attempt: "change an admin user's role" },
  'cards.assign': { label: 'Card assigned', attempt: 'assign a card' },
  'cards.assign_progress': { label: 'Card issue followed', attempt: 'follow a card being issued' },
  'cards.bulk_upload': { label: 'Bulk file uploaded', attempt: 'upload a bulk assignment file' },
  'cards.bulk_confirm': { label: 'Bulk import started', attempt: 'start a bulk import' },
  'cards.lock': { label: 'Card locked', attempt: 'lock a card' },
  'cards.unlock': { label: 'Card unlocked', attempt: 'unlock a card' },
  'cards.cancel': { label: 'Approval cancelled', attempt: 'cancel an approval' },
  'cards.unassign': { label: 'Card taken back', attempt: 'take a card back' },
  'cards.edit': { label: 'Card rules edited', attempt: "edit a card's rules" },
  'cards.topup': { label: 'Budget changed', attempt: "change a card's budget" },
  'cards.reveal': { label: 'Card details shown', attempt: "see a card's number, expiry and CVV" },
  'cards.discovered': { label: 'Card found in Sparados' },
  'cards.change_requested': { label: 'Change requested by the cardholder' },
  'cards.status_changed': { label: 'Status changed in Sparados' },
  'requests.accept': { label: 'Change request accepted', attempt: 'accept a change request' },
  'requests.edit_accept': { label: 'Change request edited and accepted', attempt: 'edit and accept a change request' },
  'requests.reject': { label: 'Change request rejected', attempt: 'reject a change request' },
  'requests.bulk_decide': { label: 'Change requests decided in bulk', attempt: 'decide several change requests at once' },
  'budgets.bulk_change': { label: 'Budgets changed in bulk', attempt: "change several cards' budgets" },
  'budgets.reclaim': { label: 'Idle budget reclaimed', attempt: 'reclaim idle budget' },
  'budgets.change_requested': { label: 'Change held for a second approver' },
  'budgets.change_approved': { label: 'Budget change approved' },
  'budgets.change_declined': { label: 'Budget change declined' },
  'budgets.change_withdrawn': { label: 'Budget change withdrawn' },
  'budgets.approve': { label: 'Budget change approved', attempt: "approve someone's budget change" },
  'budgets.decline': { label: 'Budget change declined', attempt: "decline someone's budget change" },
  'budgets.withdraw': { label: 'Budget change withdrawn', attempt: 'withdraw a budget change request' },
  // Kept for entries written before the budget policy replaced the top-up limits (docs/decisions/105).
  'settings.topup_limits': { label: 'Four-eyes top-up limits changed', attempt: 'change the four-eyes top-up limits' },
  'settings.sparados_contract': { label: 'Sparados contract type changed', attempt: 'change the Sparados contract type' },
  'settings.reveal_role': { label: 'Who may see card details changed', attempt: 'change who may see card details' },
  'settings.budget_policy': { label: 'Budget policy changed', attempt: 'change the budget policy' },
  'operations.reconcile': { label: 'Interrupted operations checked', attempt: 'check interrupted operations' },
  'operations.reconciled': { label: 'Interrupted operation settled' },
  'approvals.sync': { label: 'Sync started', attempt: 'sync approvals with Sparados' },
  'cardholders.search': { label: 'Cardholders searched', attempt: 'search cardholders' },
  'cardholders.update': { label: 'Cardholder changed', attempt: "change a cardholder's contact data" },
  'cardholders.delete': { label: 'Cardholder deleted', attempt: 'delete a cardholder' },
  'transactions.export': { label: 'Transactions exported', attempt: 'export transactions' },
  'transactions.resync': { label: 'Transactions re-sync requested', attempt: 'sync transactions again' },
  'settings.low_balance_threshold': { label: 'Low-balance alert changed', attempt: 'change the low-balance alert' },
  'settings.mcc_categories': { label: 'Merchant categories changed', attempt: 'change the merchant categories' },
  'settings.accounts': { label: 'Accounts and card visuals changed', attempt: 'change the accounts and card visuals' },
  'settings.sparados.test': { label: 'Sparados connection tested', attempt: 'test the Sparados connection' },
  'audit.export': { label: 'Audit log exported', attempt: 'export the audit log' },
};

/** "cards.set_available" → "Cards: set available" for names the table does not know yet. */
function fallbackLabel(action: string): string {
  const [domain = action, ...rest] = action.split('.');
  const head = domain.charAt(0).toUpperCase() + domain.slice(1).replace(/_/g, ' ');
  return rest.length ? `${head}: ${rest.join(' ').replace(/_/g, ' ')}` : head;
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action]?.label ?? fallbackLabel(action);
}

/** Completes "tried to …": "lock a card", or the quoted name when the table has no phrase for it. */
export function actionAttempt(action: string): string {
  const phrase = ACTION_LABELS[action]?.attempt;
  return phrase ?? `use “${actionLabel(action)}”`;
}
