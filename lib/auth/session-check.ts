import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from './permissions';
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
  /** The user had two-factor sign-in when the session began: it counts only once its code was entered. */
  mfa: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cookies without a session id (issued before sign-out could revoke them) are not accepted. */
export function readClaims(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  if (!token) return null;
  const { uid, sv, authTime, sid } = token;
  if (typeof uid !== 'string' || typeof sv !== 'number' || typeof authTime !== 'number') return null;
  if (typeof sid !== 'string' || !UUID.test(sid)) return null;
  return { uid, sv, authTime, sid, mfa: token.mfa === true };
}

/**
 * Where a signed-in session stands with its second factor (docs/decisions/109):
 * - `ok`: usable;
 * - `pending`: the user has two-factor sign-in and this session has not entered a code yet: only the
 *   code page may use it;
 * - `setup`: the user's role requires two-factor sign-in and they have not set it up: only their
 *   account page (to set it up) may use it.
 */
export type SessionFactor = 'ok' | 'pending' | 'setup';

export interface SessionState {
  user: SessionUser;
  factor: SessionFactor;
  claims: SessionClaims;
}

/**
 * The database re-check behind every server-side session read: the cookie only says who signed in
 * and when. Disabling a user, changing their role or password, or resetting their second factor bumps
 * sessionVersion, which ends their sessions at once; signing out revokes that one session; a session
 * also ends maxAgeSeconds after sign-in however active it is. `requiredRoles`: roles that must have
 * two-factor sign-in (MFA_REQUIRED_ROLES).
 */
export async function resolveSession(
  db: PrismaClient,
  claims: SessionClaims | null,
  maxAgeSeconds: number,
  requiredRoles: readonly Role[],
  now: Date = new Date(),
): Promise<SessionState | null> {
  if (!claims) return null;
  if (claims.authTime + maxAgeSeconds <= Math.floor(now.getTime() / 1000)) return null;
  const [user, revoked, verified] = await Promise.all([
    db.adminUser.findUnique({
      where: { id: claims.uid },
      select: { id: true, email: true, name: true, role: true, status: true, sessionVersion: true, totpEnabledAt: true },
    }),
    db.revokedSession.findUnique({ where: { id: claims.sid }, select: { id: true } }),
    claims.mfa ? db.verifiedSession.findUnique({ where: { sid: claims.sid }, select: { userId: true } }) : Promise.resolve(null),
  ]);
  if (!user || revoked || user.status !== 'ACTIVE' || user.sessionVersion !== claims.sv) return null;
  const sessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  const factor: SessionFactor =
    claims.mfa && verified?.userId !== user.id ? 'pending' : !user.totpEnabledAt && requiredRoles.includes(user.role) ? 'setup' : 'ok';
  return { user: sessionUser, factor, claims };
}

/** Which unfinished sessions an action admits besides complete ones (ActionDefinition.session). */
export type SessionAllowance = 'two-factor-pending' | 'two-factor-setup';

/**
 * The user an action runs as: a complete session always; one still waiting for its code only for
 * `two-factor-pending` actions (entering it); one that must set a factor up only for `two-factor-setup`.
 */
export function actionUser(state: SessionState | null, allowance?: SessionAllowance): SessionUser | null {
  if (!state) return null;
  if (state.factor === 'ok') return state.user;
  if (state.factor === 'pending' && allowance === 'two-factor-pending') return state.user;
  if (state.factor === 'setup' && allowance === 'two-factor-setup') return state.user;
  return null;
}

/** The session's user when it may use the panel (its second factor done); null otherwise. */
export async function resolveSessionUser(
  db: PrismaClient,
  claims: SessionClaims | null,
  maxAgeSeconds: number,
  requiredRoles: readonly Role[],
  now: Date = new Date(),
): Promise<SessionUser | null> {
  const state = await resolveSession(db, claims, maxAgeSeconds, requiredRoles, now);
  return state?.factor === 'ok' ? state.user : null;
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
