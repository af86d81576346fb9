import 'server-only';
import { actionDefinition } from '@/lib/actions/run-action';
import type { SessionUser } from '@/lib/auth/session-user';
import { budgetAuditDraft, requestBudgetChange } from '@/lib/budgets/change';
import { heldAuditDraft } from '@/lib/budgets/gate';
import { changeBudgetSchema } from '@/lib/budgets/schemas';
import { formatMoney } from '@/lib/money';
import { decideChangeRequest, requestAuditDraft } from '@/lib/requests/decide';
import { rejectRequestSchema } from '@/lib/requests/schemas';
import { cardActionSchema, editCardSchema } from './card-action-schemas';
import { editCardRules, runSimpleCardAction, type CardActionResult } from './card-actions';
import { ACTION_PERMISSIONS } from './state-machine';

// Definitions of the card page's server actions (bound in actions.ts). Permissions come from the
// state machine's table, the same one that decides which buttons the page shows; the state check
// runs in card-actions.ts.

const revalidate = (_input: unknown, data: CardActionResult) => ['/cards', `/cards/${data.cardId}`];
const requestPaths = (_input: unknown, data: { cardId: string }) => ['/cards', `/cards/${data.cardId}`, '/requests'];

function entry(action: string, sentence: (user: SessionUser, data: CardActionResult) => string) {
  return (_input: unknown, data: CardActionResult, { user }: { user: SessionUser }) =>
    data.replayed
      ? null
      : {
          action,
          summary: sentence(user, data),
          targetType: 'card',
          targetId: data.cardId,
          before: { ...data.before, currency: data.currency },
          after: { approvalId: data.approvalId, status: data.status, cardStatus: data.cardStatus, budgetMinor: data.budgetMinor, currency: data.currency },
        };
}

/** "… the rules of card 'Travel – J. Smith' (now card 'Office – J. Smith'), budget 500.00 PLN → 700.00 PLN (approval …)." */
function describeEdit(user: SessionUser, d: CardActionResult): string {
  const renamed = d.renamedTo ? ` (now ${d.renamedTo})` : '';
  const budget =
    d.before.budgetMinor !== d.budgetMinor && d.currency
      ? `, budget ${formatMoney(BigInt(d.before.budgetMinor), d.currency)} → ${formatMoney(BigInt(d.budgetMinor), d.currency)}`
      : '';
  const approval = d.approvalId === d.before.approvalId ? `approval ${d.approvalId}` : `approval ${d.before.approvalId} replaced by ${d.approvalId}`;
  return `${user.name} edited the rules of ${d.label}${renamed}${budget} (${approval}).`;
}

export const lockCardDefinition = actionDefinition({
  name: 'cards.lock',
  permission: ACTION_PERMISSIONS.lock,
  schema: cardActionSchema,
  run: (input, { user }) => runSimpleCardAction('lock', input, user),
  audit: entry('cards.lock', (user, d) => `${user.name} locked ${d.label} (approval ${d.approvalId}).`),
  revalidate,
});

export const unlockCardDefinition = actionDefinition({
  name: 'cards.unlock',
  permission: ACTION_PERMISSIONS.unlock,
  schema: cardActionSchema,
  run: (input, { user }) => runSimpleCardAction('unlock', input, user),
  audit: entry('cards.unlock', (user, d) => `${user.name} unlocked ${d.label} (approval ${d.approvalId}).`),
  revalidate,
});

export const cancelApprovalDefinition = actionDefinition({
  name: 'cards.cancel',
  permission: ACTION_PERMISSIONS.cancel,
  schema: cardActionSchema,
  run: (input, { user }) => runSimpleCardAction('cancel', input, user),
  audit: entry('cards.cancel', (user, d) => `${user.name} cancelled the approval of ${d.label} (approval ${d.approvalId}).`),
  revalidate,
});

export const unassignCardDefinition = actionDefinition({
  name: 'cards.unassign',
  permission: ACTION_PERMISSIONS.unassign,
  schema: cardActionSchema,
  run: (input, { user }) => runSimpleCardAction('unassign', input, user),
  audit: entry('cards.unassign', (user, d) => `${user.name} took back ${d.label} (approval ${d.approvalId} is now ${d.status.toLowerCase()}).`),
  revalidate,
});

export const acceptChangeRequestDefinition = actionDefinition({
  name: 'requests.accept',
  permission: ACTION_PERMISSIONS.accept,
  schema: cardActionSchema,
  run: (input, { user }) => decideChangeRequest('accept', input, user),
  audit: (_input, data, { user }) => (data.replayed ? null : requestAuditDraft(user.name, data)),
  revalidate: requestPaths,
});

/** The reason is required and kept in the audit trail (Sparados' reject takes none). */
export const rejectChangeRequestDefinition = actionDefinition({
  name: 'requests.reject',
  permission: ACTION_PERMISSIONS.reject,
  schema: rejectRequestSchema,
  run: (input, { user }) => decideChangeRequest('reject', input, user),
  audit: (_input, data, { user }) => (data.replayed ? null : requestAuditDraft(user.name, data)),
  revalidate: requestPaths,
});

/** Top up, reduce or set the available amount; above the requester's limit it waits for a second approver. */
export const changeBudgetDefinition = actionDefinition({
  name: 'cards.topup',
  permission: ACTION_PERMISSIONS.changeBudget,
  schema: changeBudgetSchema,
  run: (input, { user }) => requestBudgetChange(input, user),
  audit: (_input, data, { user }) => (data.replayed ? null : budgetAuditDraft(user.name, data)),
  revalidate: (_input, data) => ['/cards', `/cards/${data.cardId}`, '/requests'],
});

const editEntry = entry('cards.edit', describeEdit);

/** An edit that raises the budget above the editor's allowance is held for a second person (lib/budgets/gate.ts). */
export const editCardDefinition = actionDefinition({
  name: 'cards.edit',
  permission: ACTION_PERMISSIONS.edit,
  schema: editCardSchema,
  run: (input, { user }) => editCardRules(input, user),
  audit: (input, data, ctx) => (data.held ? (data.replayed ? null : heldAuditDraft(ctx.user.name, data.held)) : editEntry(input, data, ctx)),
  revalidate,
});
