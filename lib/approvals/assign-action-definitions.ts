import 'server-only';
import { z } from 'zod';
import { actionDefinition } from '@/lib/actions/run-action';
import { heldAuditDraft } from '@/lib/budgets/gate';
import { formatMoney } from '@/lib/money';
import { assignFormSchema, type AssignForm } from './assign-schema';
import { assignCard, readAssignProgress, type AssignOutcome } from './assign';
import { localDate } from './validity';

// Definitions of the assign form's server actions (bound in assign-actions.ts).

/** "Anna Nowak assigned card 'Travel' to Jan Smith with a budget of 1,250.00 PLN, valid 2027-01-01 to 2027-06-30 (approval …)". Dates are the cardholder's calendar days in the approval's zone (kept in `after`). */
function describeAssignment(actorName: string, form: AssignForm, outcome: AssignOutcome): string {
  const card = form.description ? `card '${form.description}'` : 'a card';
  const { start, end, timezone } = form.validity;
  return (
    `${actorName} assigned ${card} to ${outcome.holderName} with a budget of ${formatMoney(form.budgetMinor, form.currency)}, ` +
    `valid ${localDate(start, timezone)} to ${localDate(end, timezone)} (approval ${outcome.approvalId}).`
  );
}

export const assignCardActionDefinition = actionDefinition({
  name: 'cards.assign',
  permission: 'cards.assign',
  schema: assignFormSchema,
  run: (form, { user }) => assignCard(form, { actor: user }),
  // A replay (double click, retry) changed nothing, so it leaves no second entry.
  audit: (form, outcome, { user }) =>
    outcome.replayed
      ? null
      : outcome.held
        ? heldAuditDraft(user.name, outcome.held)
        : {
          action: 'cards.assign',
          summary: describeAssignment(user.name, form, outcome),
          targetType: 'card',
          targetId: outcome.cardId!,
          after: {
            approvalId: outcome.approvalId,
            status: outcome.status,
            cardholderId: outcome.cardholderId,
            budgetMinor: form.budgetMinor,
            currency: form.currency,
            startDate: form.validity.start,
            endDate: form.validity.end,
            timezone: form.validity.timezone,
            fullApi: outcome.fullApi,
          },
        },
  revalidate: ['/cards', '/cardholders'],
});

/** Full API: one poll of the new approval while the page waits for its card. */
export const pollAssignedCardDefinition = actionDefinition({
  name: 'cards.assign_progress',
  permission: 'cards.view',
  // Polled every half second while a page waits: not a user's action.
  rateLimited: false,
  schema: z.object({ approvalId: z.string().min(1).max(64) }),
  run: ({ approvalId }) => readAssignProgress(approvalId),
});
