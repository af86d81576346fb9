import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, HSTS, newNonce } from '@/lib/security/headers';

// Runs before every page, route handler and server action (not static assets):
// - security headers that depend on the request: a Content-Security-Policy with a fresh nonce (Next puts
//   it on its own scripts when it finds it on the request), and HSTS when reached over https;
// - a cheap first gate: panel pages without a session cookie go to the sign-in page before any
//   rendering. It proves nothing about the cookie; pages, layouts and server actions check the session
//   themselves (lib/auth/session.ts, lib/actions).

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
/** Reachable without a session: sign-in, invitations, next-auth and the JSON routes (which answer 401 themselves). */
const PUBLIC = /^\/(sign-in|invite\/|api\/)/;

function hasSessionCookie(request: NextRequest): boolean {
  // Large tokens are split into name.0, name.1, … chunks.
  return request.cookies.getAll().some(({ name }) => SESSION_COOKIES.some((base) => name === base || name.startsWith(`${base}.`)));
}

/** Behind a proxy that terminates TLS, the scheme is in X-Forwarded-Proto. */
function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = isHttps(request);
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development', https });
  const secure = (response: NextResponse) => {
    response.headers.set('Content-Security-Policy', csp);
    if (https) response.headers.set('Strict-Transport-Security', HSTS);
    return response;
  };

  const path = request.nextUrl.pathname;
  // Server actions answer for themselves (UNAUTHENTICATED) rather than with a redirect page.
  if (!PUBLIC.test(path) && !hasSessionCookie(request) && !request.headers.has('next-action')) {
    const signIn = new URL('/sign-in', request.url);
    const target = `${path}${request.nextUrl.search}`;
    if (target !== '/') signIn.searchParams.set('callbackUrl', target);
    return secure(NextResponse.redirect(signIn));
  }
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  return secure(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything but Next's static assets and files with extensions (their headers come from next.config.mjs).
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)'],
};
