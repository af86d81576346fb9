import type { UserWire } from '../schemas/users';
import { unknownFields } from './unknown-fields';

export interface SparadosUser {
  id: string;
  email: string | null;
  phoneNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  nationality: string | null;
  status: string | null;
  extra: Record<string, unknown>;
}

export function toUser(wire: UserWire): SparadosUser {
  return {
    id: wire.id,
    email: wire.email ?? null,
    phoneNumber: wire.phoneNumber ?? null,
    firstName: wire.firstName ?? null,
    lastName: wire.lastName ?? null,
    dateOfBirth: wire.dateOfBirth ?? null,
    nationality: wire.nationality ?? null,
    status: wire.status ?? null,
    extra: unknownFields(wire, ['id', 'email', 'phoneNumber', 'firstName', 'lastName', 'dateOfBirth', 'nationality', 'status']),
  };
}
