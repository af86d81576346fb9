'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { runCardholderOperation } from './operations';
import { heldAuditDraft } from '@/lib/budgets/gate';
import { deleteRefusal, displayName } from './rules';
import { editCardholderSchema } from './schemas';
import { searchCardholderOptions } from './queries';
import { updateCardholderContact } from './update';

// Editing and deleting cardholders. The directory is the panel's own; a Full API cardholder is
// also a Sparados user, changed there first (write-intent) and here once Sparados confirms.

async function loadHolder(cardholderId: string) {
  const holder = await db.cardholder.findUnique({ where: { id: cardholderId }, include: { cards: { select: { id: true, status: true, description: true } } } });
  if (!holder || holder.deletedAt) throw new AppError('NOT_FOUND', 'This cardholder does not exist any more.');
  return holder;
}

/** A change of the e-mail or phone waits for a second person (docs/decisions/107); the rest applies at once. */
export const updateCardholder = defineAction({
  name: 'cardholders.update',
  permission: 'cardholders.manage',
  schema: editCardholderSchema,
  run: (input, { user }) => updateCardholderContact(input, user),
  audit: (_input, data, { user }) =>
    data.replayed
      ? null
      : data.held
        ? { ...heldAuditDraft(user.name, data.held), targetType: 'cardholder', targetId: data.cardholderId, before: data.before, after: { ...data.after, changeRequestId: data.held.changeId } }
        : {
            action: 'cardholders.update',
            summary: `${user.name} changed the contact data of ${data.name}${data.sparadosUser ? ' (also in Sparados)' : ''}.`,
            targetType: 'cardholder',
            targetId: data.cardholderId,
            before: data.before,
            after: data.after,
          },
  revalidate: (input) => ['/cardholders', `/cardholders/${input.cardholderId}`, '/cards', '/requests'],
});

export const deleteCardholder = defineAction({
  name: 'cardholders.delete',
  permission: 'cardholders.manage',
  schema: z.object({ cardholderId: z.uuid('Unknown cardholder'), idempotencyKey: z.uuid('The form is out of date: reload the page') }),
  async run({ cardholderId, idempotencyKey }, { user, now }) {
    const holder = await loadHolder(cardholderId);
    const refusal = deleteRefusal(holder.cards);
    if (refusal) throw new AppError('INVALID_STATE', refusal);
    if (holder.sparadosUserId) {
      await runCardholderOperation('user.delete', { idempotencyKey, actorId: user.id, request: { userId: holder.sparadosUserId, cardholderId: holder.id } });
    } else {
      await db.cardholder.update({ where: { id: holder.id }, data: { deletedAt: now } });
    }
    return { cardholderId: holder.id, name: displayName(holder), email: holder.email, sparadosUserId: holder.sparadosUserId };
  },
  audit: (_input, data, { user }) => ({
    action: 'cardholders.delete',
    summary: `${user.name} deleted the cardholder ${data.name} <${data.email}>${data.sparadosUserId ? ` and Sparados user ${data.sparadosUserId}` : ''}.`,
    targetType: 'cardholder',
    targetId: data.cardholderId,
  }),
  revalidate: ['/cardholders'],
});

/** The assign form's cardholder picker. */
export const findCardholders = defineAction({
  name: 'cardholders.search',
  permission: 'cards.assign',
  // Type-ahead: each keystroke asks.
  rateLimited: false,
  schema: z.object({ q: z.string().max(100) }),
  run: ({ q }) => searchCardholderOptions(q),
});
