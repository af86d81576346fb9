import type { Role } from './permissions';

/** The signed-in admin as the app sees them, after the database re-check. Client-safe. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
