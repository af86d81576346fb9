// Full API users (API-REFERENCE §5).
import { z } from 'zod';
import type { SandboxCore } from '../core';
import type { User } from '../store/types';
import { parseOrThrow } from './validation';

const isPastDate = (value: string) => Date.parse(`${value}T00:00:00Z`) < Date.now();

const fields = {
  email: z.email({ error: 'must be an e-mail address' }),
  phoneNumber: z.string({ error: 'must be a string' }).regex(/^\d{6,15}$/, 'must be digits with the country prefix and no "+", e.g. 48123456789'),
  firstName: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(100),
  lastName: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(100),
  dateOfBirth: z.iso.date({ error: 'must be a date, YYYY-MM-DD' }).refine(isPastDate, 'must be in the past'),
  nationality: z.string({ error: 'must be a string' }).regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code, e.g. PL'),
};

const createSchema = z.object(fields, { error: 'must be a JSON object' });
const patchSchema = z
  .object(fields, { error: 'must be a JSON object' })
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'names no field to change', path: [] });

export function userView(user: User) {
  return {
    id: user.id,
    email: user.email,
    phoneNumber: user.phoneNumber,
    firstName: user.firstName,
    lastName: user.lastName,
    dateOfBirth: user.dateOfBirth,
    nationality: user.nationality,
    status: user.status,
  };
}

export function createUser(core: SandboxCore, corporationId: string, body: unknown): User {
  const input = parseOrThrow(createSchema, body);
  const now = core.clock.now().toISOString();
  const user: User = { id: core.store.counters.nextUserId++, corporationId, ...input, status: 'ACTIVE', createdAt: now, updatedAt: now };
  core.store.users.set(user.id, user);
  core.store.changed();
  return user;
}

export function patchUser(core: SandboxCore, corporationId: string, id: string, body: unknown): User {
  const user = core.user(corporationId, id);
  const input = parseOrThrow(patchSchema, body);
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) (user as unknown as Record<string, unknown>)[key] = value;
  }
  user.updatedAt = core.clock.now().toISOString();
  core.store.changed();
  return user;
}

/** Decision: DELETE removes the user (GET answers 404 afterwards); its cards keep working until their approvals end. */
export function deleteUser(core: SandboxCore, corporationId: string, id: string): void {
  const user = core.user(corporationId, id);
  core.store.users.delete(user.id);
  core.store.changed();
}
