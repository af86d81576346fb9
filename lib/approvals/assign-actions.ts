'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { formatMoney } from '@/lib/money';
import { assignFormSchema } from './assign-schema';
import { assignCard, readAssignProgress } from './assign';

// The assign form's server actions: the form posts its parsed-again input here.

export const assignCardAction = defineAction({
  name: 'cards.assign',
  permission: 'cards.assign',
  schema: assignFormSchema,
  run: (form, { user }) => assignCard(form, { actorId: user.id }),
  // A replay (double click, retry) changed nothing, so it leaves no second entry.
  audit: (form, outcome, { user }) =>
    outcome.replayed
      ? null
      : {
          action: 'cards.assign',
          summary: `${user.name} assigned a card with a budget of ${formatMoney(form.budgetMinor, form.currency)} (approval ${outcome.approvalId}).`,
          targetType: 'card',
          targetId: outcome.cardId,
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
export const pollAssignedCard = defineAction({
  name: 'cards.assign_progress',
  permission: 'cards.view',
  schema: z.object({ approvalId: z.string().min(1).max(64) }),
  run: ({ approvalId }) => readAssignProgress(approvalId),
});
