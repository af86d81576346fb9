import { NextResponse, type NextRequest } from 'next/server';

// A cheap first gate: requests without a session cookie go to the sign-in page before any
// rendering. It proves nothing about the cookie; pages, layouts and server actions check the
// session themselves (lib/auth/session.ts, lib/actions).

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

function hasSessionCookie(request: NextRequest): boolean {
  // Large tokens are split into name.0, name.1, … chunks.
  return request.cookies.getAll().some(({ name }) => SESSION_COOKIES.some((base) => name === base || name.startsWith(`${base}.`)));
}

export function proxy(request: NextRequest) {
  if (hasSessionCookie(request)) return NextResponse.next();
  // Server actions answer for themselves (UNAUTHENTICATED) rather than with a redirect page.
  if (request.headers.has('next-action')) return NextResponse.next();
  const signIn = new URL('/sign-in', request.url);
  const target = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (target !== '/') signIn.searchParams.set('callbackUrl', target);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the public routes: sign-in, invitations, next-auth, Next's assets, and files with extensions.
  matcher: ['/((?!sign-in|invite/|api/|_next/|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)'],
};
