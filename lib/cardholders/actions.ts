'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { refreshCardListColumns } from '@/lib/approvals/store';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { runCardholderOperation } from './operations';
import { deleteRefusal, displayName } from './rules';
import { editCardholderSchema, missingSparadosFields } from './schemas';
import { searchCardholderOptions } from './queries';
import { isUniqueViolation } from './store';

// Editing and deleting cardholders. The directory is the panel's own; a Full API cardholder is
// also a Sparados user, changed there first (write-intent) and here once Sparados confirms.

async function loadHolder(cardholderId: string) {
  const holder = await db.cardholder.findUnique({ where: { id: cardholderId }, include: { cards: { select: { id: true, status: true, description: true } } } });
  if (!holder || holder.deletedAt) throw new AppError('NOT_FOUND', 'This cardholder does not exist any more.');
  return holder;
}

function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export const updateCardholder = defineAction({
  name: 'cardholders.update',
  permission: 'cardholders.manage',
  schema: editCardholderSchema,
  async run(input, { user }) {
    const holder = await loadHolder(input.cardholderId);
    const next = {
      email: input.email,
      phonePrefix: input.phonePrefix,
      phoneNumber: input.phoneNumber,
      firstName: input.firstName || null,
      lastName: input.lastName || null,
      birthDate: input.birthDate || null,
      nationality: input.nationality || null,
    };
    const before = { ...next, email: holder.email, phonePrefix: holder.phonePrefix, phoneNumber: holder.phoneNumber, firstName: holder.firstName, lastName: holder.lastName, birthDate: isoDate(holder.birthDate), nationality: holder.nationality };

    const clash = await db.cardholder.findUnique({ where: { email_phonePrefix_phoneNumber: { email: next.email, phonePrefix: next.phonePrefix, phoneNumber: next.phoneNumber } }, select: { id: true } });
    if (clash && clash.id !== holder.id) {
      throw new AppError('CONFLICT', 'Another cardholder has this e-mail and phone number.', { fieldErrors: { email: ['Another cardholder has this e-mail and phone number'] } });
    }

    if (holder.sparadosUserId) {
      const missing = missingSparadosFields(input);
      if (Object.keys(missing).length > 0) throw new AppError('VALIDATION', undefined, { fieldErrors: missing });
      // Only what changed goes to Sparados (PATCH).
      const body: Record<string, string> = {};
      if (next.email !== before.email) body.email = next.email;
      if (`${next.phonePrefix}${next.phoneNumber}` !== `${before.phonePrefix}${before.phoneNumber}`) body.phoneNumber = `${next.phonePrefix}${next.phoneNumber}`;
      if (next.firstName !== before.firstName) body.firstName = next.firstName!;
      if (next.lastName !== before.lastName) body.lastName = next.lastName!;
      if (next.birthDate !== before.birthDate) body.dateOfBirth = next.birthDate!;
      if (next.nationality !== before.nationality) body.nationality = next.nationality!;
      if (Object.keys(body).length > 0) {
        await runCardholderOperation('user.update', {
          idempotencyKey: input.idempotencyKey,
          actorId: user.id,
          request: { userId: holder.sparadosUserId, body, cardholderId: holder.id, local: next },
        });
      }
    } else {
      try {
        await db.cardholder.update({ where: { id: holder.id }, data: { ...next, birthDate: next.birthDate ? new Date(`${next.birthDate}T00:00:00.000Z`) : null } });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'Another cardholder has this e-mail and phone number.', { fieldErrors: { email: ['Another cardholder has this e-mail and phone number'] } });
        throw error;
      }
    }
    // The cards list searches the holder's name and contact: refresh its copies.
    for (const card of holder.cards) await refreshCardListColumns(db, card.id);
    return { cardholderId: holder.id, name: displayName(next), before, after: next, sparadosUser: holder.sparadosUserId !== null };
  },
  audit: (_input, data, { user }) => ({
    action: 'cardholders.update',
    summary: `${user.name} changed the contact data of ${data.name}${data.sparadosUser ? ' (also in Sparados)' : ''}.`,
    targetType: 'cardholder',
    targetId: data.cardholderId,
    before: data.before,
    after: data.after,
  }),
  revalidate: (input) => ['/cardholders', `/cardholders/${input.cardholderId}`, '/cards'],
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
  schema: z.object({ q: z.string().max(100) }),
  run: ({ q }) => searchCardholderOptions(q),
});
