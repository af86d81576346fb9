import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { db } from '@/lib/db';
import { getEnv, oidcEnabled, type Env } from '@/lib/env';
import { recordAudit } from '@/lib/audit/record';
import { clientIpFrom } from './client-ip';
import { checkCredentials } from './credentials';
import { readClaims, revokeSession } from './session-check';
import { rateLimitedError } from './sign-in-errors';
import { INVITATION_ONLY, admitSsoUser } from './sso';

// next-auth v4 with JWT sessions: the encrypted cookie names the user and the sign-in time; every
// server-side read re-checks the database (session.ts). See docs/decisions/051-jwt-sessions-with-db-recheck.md.

export const OIDC_PROVIDER_ID = 'oidc';
export const CREDENTIALS_PROVIDER_ID = 'credentials';

interface OidcProfile {
  iss?: string;
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
}

function oidcProvider(env: Env): OAuthConfig<OidcProfile> {
  const issuer = env.AUTH_OIDC_ISSUER!.replace(/\/$/, '');
  return {
    id: OIDC_PROVIDER_ID,
    name: env.AUTH_OIDC_NAME,
    type: 'oauth',
    // The issuer (and with it the expected `iss` of ID tokens) comes from discovery, exactly as the
    // provider spells it, trailing slash or not.
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
    idToken: true,
    checks: ['pkce', 'state'],
    authorization: { params: { scope: 'openid email profile' } },
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null };
    },
  };
}

function credentialsProvider(env: Env) {
  return CredentialsProvider({
    id: CREDENTIALS_PROVIDER_ID,
    name: 'E-mail and password',
    credentials: {
      email: { label: 'E-mail', type: 'email' },
      password: { label: 'Password', type: 'password' },
    },
    async authorize(credentials, req): Promise<User | null> {
      const outcome = await checkCredentials(
        db,
        { email: credentials?.email, password: credentials?.password, ip: clientIpFrom(req.headers ?? {}, env.TRUSTED_PROXY_HOPS) },
        { maxFailures: env.LOGIN_MAX_FAILURES, lockMinutes: env.LOGIN_LOCK_MINUTES },
      );
      if (outcome.ok) return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name };
      // A thrown message reaches the sign-in page as `error`; null becomes "CredentialsSignin". A disabled
      // account gets the same answer as a wrong password: the page must not confirm which accounts exist.
      if (outcome.reason === 'LOCKED') throw new Error(rateLimitedError(outcome.minutes));
      return null;
    },
  });
}

export function buildAuthOptions(env: Env): NextAuthOptions {
  const maxAge = env.SESSION_MAX_AGE_MINUTES * 60;
  return {
    secret: env.NEXTAUTH_SECRET,
    providers: oidcEnabled(env) ? [credentialsProvider(env), oidcProvider(env)] : [credentialsProvider(env)],
    session: { strategy: 'jwt', maxAge },
    jwt: { maxAge },
    // Secure (and __Secure-/__Host- prefixed) cookies in production whatever NEXTAUTH_URL says: a proxy
    // misconfigured to http must not make the session cookie travel in clear.
    useSecureCookies: env.NODE_ENV === 'production' || Boolean(env.NEXTAUTH_URL?.startsWith('https://')),
    pages: { signIn: '/sign-in', error: '/sign-in' },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider === CREDENTIALS_PROVIDER_ID) return true; // authorize() decided
        if (account?.provider !== OIDC_PROVIDER_ID) return false;
        const claims = (profile ?? {}) as OidcProfile;
        const outcome = await admitSsoUser(
          db,
          { issuer: claims.iss ?? env.AUTH_OIDC_ISSUER, subject: claims.sub, email: claims.email, name: claims.name ?? claims.preferred_username, emailVerified: claims.email_verified },
          env.AUTH_OIDC_ALLOW_NEW_USERS ? { newUsers: { role: env.AUTH_OIDC_DEFAULT_ROLE, allowedDomains: env.AUTH_OIDC_ALLOWED_DOMAINS } } : INVITATION_ONLY,
        );
        return outcome.ok;
      },
      async jwt({ token, user, account, profile, trigger }) {
        if (trigger !== 'signIn' || !user) return token;
        // Both providers resolve to the panel's own user row: a password sign-in names it; a single
        // sign-on one is found by the provider identity signIn() bound (never by the e-mail alone).
        const oidc = account?.provider === OIDC_PROVIDER_ID;
        const claims = (profile ?? {}) as OidcProfile;
        const row = oidc
          ? await db.adminUser.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: claims.iss ?? env.AUTH_OIDC_ISSUER ?? '', oidcSubject: claims.sub ?? '' } } })
          : await db.adminUser.findUnique({ where: { id: user.id } });
        if (!row) return token;
        return {
          ...token,
          sub: row.id,
          name: row.name,
          email: row.email,
          uid: row.id,
          sv: row.sessionVersion,
          authTime: Math.floor(Date.now() / 1000),
          // Stays the same for the cookie's whole life (next-auth's own jti changes on every refresh).
          sid: randomUUID(),
          // With two-factor sign-in the session counts only once a code was entered for it (its sid).
          mfa: row.totpEnabledAt !== null,
        };
      },
      async session({ session, token }) {
        // What the browser may see (useSession / /api/auth/session); authorization never relies on it.
        const claims = readClaims(token);
        return {
          ...session,
          user: claims ? { id: claims.uid, name: token.name ?? '', email: token.email ?? '' } : undefined,
        };
      },
      async redirect({ url, baseUrl }) {
        if (url.startsWith('/')) return `${baseUrl}${url}`;
        try {
          return new URL(url).origin === baseUrl ? url : baseUrl;
        } catch {
          return baseUrl;
        }
      },
    },
    events: {
      async signOut({ token }) {
        const claims = readClaims(token);
        if (!claims) return;
        await revokeSession(db, claims, maxAge);
        const user = await db.adminUser.findUnique({ where: { id: claims.uid } });
        if (!user) return;
        await recordAudit(
          db,
          { action: 'auth.sign_out', summary: `${user.name} signed out.`, targetType: 'AdminUser', targetId: user.id },
          { actor: { id: user.id, email: user.email, name: user.name }, ip: null },
        );
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

/** Built on first use: `next build` imports this module without a runtime environment. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(getEnv());
  return cached;
}
