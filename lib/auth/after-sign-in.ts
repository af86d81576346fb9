import type { SessionFactor } from './session-check';

// Where a signed-in browser goes next: the page it asked for, or first the code prompt or the
// set-up of a second factor, each carrying the page along. Client-safe (the sign-in form uses it).

export function afterSignInPath(callbackPath: string, factor: SessionFactor | null): string {
  const carry = `?callbackUrl=${encodeURIComponent(callbackPath)}`;
  if (factor === 'pending') return `/two-factor${carry}`;
  if (factor === 'setup') return `/two-factor/setup${carry}`;
  return callbackPath;
}

/** The sign-in page decides where a fresh session goes; the form only lands there again. */
export function signInLandingPath(callbackPath: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`;
}
