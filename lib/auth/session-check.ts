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
  /** This session's id, made at sign-in; signing out revokes it (RevokedSession). */
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cookies without a session id (issued before sign-out could revoke them) are not accepted. */
export function readClaims(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  if (!token) return null;
  const { uid, sv, authTime, sid } = token;
  if (typeof uid !== 'string' || typeof sv !== 'number' || typeof authTime !== 'number') return null;
  if (typeof sid !== 'string' || !UUID.test(sid)) return null;
  return { uid, sv, authTime, sid };
}

/**
 * The database re-check behind every server-side session read: the cookie only says who signed in
 * and when. Disabling a user, changing their role or password bumps sessionVersion, which ends
 * their sessions at once; signing out revokes that one session; a session also ends maxAgeSeconds
 * after sign-in however active it is.
 */
export async function resolveSessionUser(
  db: PrismaClient,
  claims: SessionClaims | null,
  maxAgeSeconds: number,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  if (!claims) return null;
  if (claims.authTime + maxAgeSeconds <= Math.floor(now.getTime() / 1000)) return null;
  const [user, revoked] = await Promise.all([
    db.adminUser.findUnique({
      where: { id: claims.uid },
      select: { id: true, email: true, name: true, role: true, status: true, sessionVersion: true },
    }),
    db.revokedSession.findUnique({ where: { id: claims.sid }, select: { id: true } }),
  ]);
  if (!user || revoked || user.status !== 'ACTIVE' || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Sign-out: the cookie is gone from this browser, and a copy of it (stolen, or another tab's) is
 * refused from now on. The row is kept only until the session would have expired anyway.
 */
export async function revokeSession(db: PrismaClient, claims: SessionClaims, maxAgeSeconds: number, now: Date = new Date()): Promise<void> {
  const expiresAt = new Date((claims.authTime + maxAgeSeconds) * 1000);
  await db.revokedSession.upsert({
    where: { id: claims.sid },
    create: { id: claims.sid, userId: claims.uid, revokedAt: now, expiresAt },
    update: {},
  });
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}
