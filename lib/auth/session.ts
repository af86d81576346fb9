import 'server-only';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getAuthOptions } from './options';
import { can, type Permission } from './permissions';
import { readClaims, resolveSession, type SessionState } from './session-check';
import type { SessionUser } from './session-user';

export type { SessionUser } from './session-user';

let serverOptions: NextAuthOptions | undefined;

/** The shared options with a session callback that hands the raw claims to the server only. */
function serverSessionOptions(): NextAuthOptions {
  const options = getAuthOptions();
  serverOptions ??= {
    ...options,
    callbacks: { ...options.callbacks, session: ({ session, token }) => ({ ...session, claims: readClaims(token) }) },
  };
  return serverOptions;
}

/**
 * The signed-in session, re-checked against the database (status, sessionVersion, absolute expiry,
 * second factor); null when signed out. Cached per request, so a layout and its page share one lookup.
 */
export const getSessionState = cache(async (): Promise<SessionState | null> => {
  // Per-request by nature: stop `next build` from prerendering (and reading configuration) here.
  await connection();
  const session = await getServerSession(serverSessionOptions());
  const env = getEnv();
  return resolveSession(db, session?.claims ?? null, env.SESSION_MAX_AGE_MINUTES * 60, env.MFA_REQUIRED_ROLES);
});

/** The signed-in user who may use the panel (second factor done, or not required); null otherwise. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const state = await getSessionState();
  return state?.factor === 'ok' ? state.user : null;
}

/** For pages and layouts: the user, or a redirect to where the session has to go first. */
export async function requireUser(): Promise<SessionUser> {
  const state = await getSessionState();
  if (!state) redirect('/sign-in');
  if (state.factor === 'pending') redirect('/two-factor');
  if (state.factor === 'setup') redirect('/two-factor/setup');
  return state.user;
}

/** For pages: the user if their role holds the permission; otherwise the "no access" page. */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) redirect(`/no-access?permission=${encodeURIComponent(permission)}`);
  return user;
}
