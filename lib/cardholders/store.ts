import 'server-only';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import type { SparadosUser } from '@/lib/sparados';

// Writing the cardholder directory. A person is unique by e-mail and phone (the Simple API's
// identity) and, once they are a Sparados user, by that user id.

type Db = PrismaClient | Prisma.TransactionClient;

export interface Contact {
  email: string;
  phonePrefix: string;
  phoneNumber: string;
  firstName?: string | null;
  lastName?: string | null;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  nationality?: string | null;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function dateOnly(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(`${value.slice(0, 10)}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The cardholder with this contact, made if new. Names and other details fill gaps of an existing
 * record but never overwrite it (the directory is edited on the cardholder page). A deleted one
 * comes back: assigning a card to a person makes them a cardholder again.
 */
export async function upsertCardholder(db: Db, contact: Contact, sparadosUserId?: string | null): Promise<{ id: string; created: boolean }> {
  const key = { email: contact.email, phonePrefix: contact.phonePrefix, phoneNumber: contact.phoneNumber };
  for (let attempt = 0; ; attempt++) {
    const existing = await db.cardholder.findUnique({ where: { email_phonePrefix_phoneNumber: key } });
    try {
      if (existing) {
        await db.cardholder.update({
          where: { id: existing.id },
          data: {
            deletedAt: null,
            firstName: existing.firstName ?? (contact.firstName || null),
            lastName: existing.lastName ?? (contact.lastName || null),
            birthDate: existing.birthDate ?? dateOnly(contact.birthDate),
            nationality: existing.nationality ?? (contact.nationality || null),
            ...(sparadosUserId && !existing.sparadosUserId ? { sparadosUserId } : {}),
          },
        });
        return { id: existing.id, created: false };
      }
      const created = await db.cardholder.create({
        data: {
          ...key,
          firstName: contact.firstName || null,
          lastName: contact.lastName || null,
          birthDate: dateOnly(contact.birthDate),
          nationality: contact.nationality || null,
          sparadosUserId: sparadosUserId ?? null,
        },
        select: { id: true },
      });
      return { id: created.id, created: true };
    } catch (error) {
      // Two submissions of the same person at once: the loser reads what the winner made.
      if (isUniqueViolation(error) && attempt < 2) continue;
      throw error;
    }
  }
}

/** A Sparados user's contact data as the directory stores it (no separate prefix is known). */
export function contactOfSparadosUser(user: SparadosUser): Contact {
  return {
    // The directory needs an address to key on; ".invalid" is reserved and never delivers.
    email: (user.email ?? `user-${user.id}@sparados.invalid`).toLowerCase(),
    phonePrefix: '',
    phoneNumber: user.phoneNumber ?? '',
    firstName: user.firstName,
    lastName: user.lastName,
    birthDate: user.dateOfBirth,
    nationality: user.nationality,
  };
}

/** The cardholder linked to a Sparados user, recorded from the user's data when new. */
export async function cardholderForSparadosUser(db: Db, user: SparadosUser): Promise<string> {
  const known = await db.cardholder.findUnique({ where: { sparadosUserId: user.id }, select: { id: true, deletedAt: true } });
  if (known) {
    if (known.deletedAt) await db.cardholder.update({ where: { id: known.id }, data: { deletedAt: null } });
    return known.id;
  }
  try {
    return (await upsertCardholder(db, contactOfSparadosUser(user), user.id)).id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await db.cardholder.findUnique({ where: { sparadosUserId: user.id }, select: { id: true } });
    if (!raced) throw error;
    return raced.id;
  }
}
