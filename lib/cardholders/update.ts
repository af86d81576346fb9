import 'server-only';
import { refreshCardListColumns } from '@/lib/approvals/store';
import type { SessionUser } from '@/lib/auth/session-user';
import { holdForSecondPerson, type HeldChange } from '@/lib/budgets/gate';
import { toPayload } from '@/lib/budgets/payload';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { runCardholderOperation } from './operations';
import { displayName } from './rules';
import { missingSparadosFields, type EditCardholder } from './schemas';
import { isUniqueViolation } from './store';

// Changing a cardholder's data. The e-mail and phone are where 3-D Secure codes and wallet activation
// codes go, so a change of either waits for a second person (docs/decisions/107): nobody diverts a
// cardholder's codes to themselves alone. Names and the rest apply at once. A Full API cardholder is
// also a Sparados user, changed there first (write-intent) and here once Sparados confirms.

interface Contact {
  email: string;
  phonePrefix: string;
  phoneNumber: string;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  nationality: string | null;
}

export interface CardholderUpdate {
  cardholderId: string;
  name: string;
  before: Contact;
  after: Contact;
  sparadosUser: boolean;
  /** The e-mail or phone changed and waits for a second person: nothing was changed yet. */
  held: HeldChange | null;
  replayed: boolean;
}

/** A second person approved this contact change; it is carried out now. */
export interface ApprovedContactChange {
  changeId: string;
  approver: SessionUser;
}

function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

async function loadHolder(cardholderId: string) {
  const holder = await db.cardholder.findUnique({ where: { id: cardholderId }, include: { cards: { select: { id: true } } } });
  if (!holder || holder.deletedAt) throw new AppError('NOT_FOUND', 'This cardholder does not exist any more.');
  return holder;
}

function contactWords(before: Contact, after: Contact): string {
  const parts: string[] = [];
  if (before.email !== after.email) parts.push(`e-mail ${before.email} → ${after.email}`);
  const phone = (c: Contact) => `+${c.phonePrefix} ${c.phoneNumber}`;
  if (phone(before) !== phone(after)) parts.push(`phone ${phone(before)} → ${phone(after)}`);
  return parts.join(', ');
}

export async function updateCardholderContact(input: EditCardholder, user: SessionUser, approved: ApprovedContactChange | null = null): Promise<CardholderUpdate> {
  const holder = await loadHolder(input.cardholderId);
  const after: Contact = {
    email: input.email,
    phonePrefix: input.phonePrefix,
    phoneNumber: input.phoneNumber,
    firstName: input.firstName || null,
    lastName: input.lastName || null,
    birthDate: input.birthDate || null,
    nationality: input.nationality || null,
  };
  const before: Contact = { email: holder.email, phonePrefix: holder.phonePrefix, phoneNumber: holder.phoneNumber, firstName: holder.firstName, lastName: holder.lastName, birthDate: isoDate(holder.birthDate), nationality: holder.nationality };
  const common = { cardholderId: holder.id, name: displayName(after), before, after, sparadosUser: holder.sparadosUserId !== null };

  const clash = await db.cardholder.findUnique({ where: { email_phonePrefix_phoneNumber: { email: after.email, phonePrefix: after.phonePrefix, phoneNumber: after.phoneNumber } }, select: { id: true } });
  if (clash && clash.id !== holder.id) {
    throw new AppError('CONFLICT', 'Another cardholder has this e-mail and phone number.', { fieldErrors: { email: ['Another cardholder has this e-mail and phone number'] } });
  }
  if (holder.sparadosUserId) {
    const missing = missingSparadosFields(input);
    if (Object.keys(missing).length > 0) throw new AppError('VALIDATION', undefined, { fieldErrors: missing });
  }

  const contactChange = contactWords(before, after);
  if (contactChange && !approved) {
    const held = await holdForSecondPerson({
      actor: user,
      kind: 'CONTACT',
      requestKey: input.idempotencyKey,
      summary: `change the contact data of ${displayName(before)} (${contactChange})`,
      payload: toPayload(input),
    });
    return { ...common, held, replayed: held.replayed };
  }
  if (approved && approved.approver.id === user.id && !contactChange) throw new Error('an approved contact change without a contact change');

  if (holder.sparadosUserId) {
    // Only what changed goes to Sparados (PATCH).
    const body: Record<string, string> = {};
    if (after.email !== before.email) body.email = after.email;
    if (`${after.phonePrefix}${after.phoneNumber}` !== `${before.phonePrefix}${before.phoneNumber}`) body.phoneNumber = `${after.phonePrefix}${after.phoneNumber}`;
    if (after.firstName !== before.firstName) body.firstName = after.firstName!;
    if (after.lastName !== before.lastName) body.lastName = after.lastName!;
    if (after.birthDate !== before.birthDate) body.dateOfBirth = after.birthDate!;
    if (after.nationality !== before.nationality) body.nationality = after.nationality!;
    if (Object.keys(body).length > 0) {
      await runCardholderOperation('user.update', {
        idempotencyKey: input.idempotencyKey,
        actorId: user.id,
        request: { userId: holder.sparadosUserId, body, cardholderId: holder.id, local: after },
      });
    }
  } else {
    try {
      await db.cardholder.update({ where: { id: holder.id }, data: { ...after, birthDate: after.birthDate ? new Date(`${after.birthDate}T00:00:00.000Z`) : null } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'Another cardholder has this e-mail and phone number.', { fieldErrors: { email: ['Another cardholder has this e-mail and phone number'] } });
      throw error;
    }
  }
  // The cards list searches the holder's name and contact: refresh its copies.
  for (const card of holder.cards) await refreshCardListColumns(db, card.id);
  return { ...common, held: null, replayed: false };
}
