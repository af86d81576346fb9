import 'server-only';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getAuthOptions } from './options';
import { can, type Permission } from './permissions';
import { readClaims, resolveSessionUser } from './session-check';
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
 * The signed-in user, re-checked against the database (status, sessionVersion, absolute expiry);
 * null when signed out. Cached per request, so a layout and its page share one lookup.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // Per-request by nature: stop `next build` from prerendering (and reading configuration) here.
  await connection();
  const session = await getServerSession(serverSessionOptions());
  return resolveSessionUser(db, session?.claims ?? null, getEnv().SESSION_MAX_AGE_MINUTES * 60);
});

/** For pages and layouts: the user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** For pages: the user if their role holds the permission; otherwise the "no access" page. */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) redirect(`/no-access?permission=${encodeURIComponent(permission)}`);
  return user;
}
