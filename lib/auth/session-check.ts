import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { SessionUser } from './session-user';

/** What the session cookie carries beyond next-auth's defaults. */
export interface SessionClaims {
  uid: string;
  /** AdminUser.sessionVersion when the session was issued. */
  sv: number;
  /** Sign-in time, seconds since the epoch. */
  authTime: number;
}

export function readClaims(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  if (!token) return null;
  const { uid, sv, authTime } = token;
  if (typeof uid !== 'string' || typeof sv !== 'number' || typeof authTime !== 'number') return null;
  return { uid, sv, authTime };
}

/**
 * The database re-check behind every server-side session read: the cookie only says who signed in
 * and when. Disabling a user, changing their role or password bumps sessionVersion, which ends
 * their sessions at once; a session also ends maxAgeSeconds after sign-in however active it is.
 */
export async function resolveSessionUser(
  db: PrismaClient,
  claims: SessionClaims | null,
  maxAgeSeconds: number,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  if (!claims) return null;
  if (claims.authTime + maxAgeSeconds <= Math.floor(now.getTime() / 1000)) return null;
  const user = await db.adminUser.findUnique({
    where: { id: claims.uid },
    select: { id: true, email: true, name: true, role: true, status: true, sessionVersion: true },
  });
  if (!user || user.status !== 'ACTIVE' || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
