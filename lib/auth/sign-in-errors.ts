// Sign-in failures travel from the server to the sign-in page as next-auth's `error` string; this
// file is both ends of that contract. The messages never say whether an e-mail has an account.

export const SIGN_IN_ERROR = {
  invalid: 'CredentialsSignin',
  rateLimitedPrefix: 'RateLimited:',
} as const;

export function rateLimitedError(minutes: number): string {
  return `${SIGN_IN_ERROR.rateLimitedPrefix}${Math.max(1, Math.ceil(minutes))}`;
}

export function tooManyAttemptsMessage(minutes: number): string {
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

const SSO_FAILURES = new Set(['OAuthSignin', 'OAuthCallback', 'OAuthCreateAccount', 'Callback', 'OAuthAccountNotLinked']);

export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  if (error.startsWith(SIGN_IN_ERROR.rateLimitedPrefix)) {
    const minutes = Number.parseInt(error.slice(SIGN_IN_ERROR.rateLimitedPrefix.length), 10);
    return tooManyAttemptsMessage(Number.isFinite(minutes) && minutes > 0 ? minutes : 1);
  }
  // A disabled account reads like a wrong password: no message confirms that an account exists.
  if (error === SIGN_IN_ERROR.invalid) return 'Incorrect e-mail or password.';
  if (error === 'AccessDenied') return 'Single sign-on did not admit this account. Ask an administrator.';
  if (SSO_FAILURES.has(error)) return 'Single sign-on failed. Try again, or sign in with your password.';
  if (error === 'SessionRequired') return 'Sign in to continue.';
  return 'Sign-in failed. Try again.';
}

/** Any origin works as the base: only its equality with the resolved URL's origin matters. */
const PANEL_ORIGIN = 'https://panel.invalid';

/**
 * Where to go after signing in: only paths on this site, so a crafted link cannot bounce a freshly
 * signed-in admin to another origin. The value is resolved the way a browser resolves it (which drops
 * tabs and newlines and reads a backslash as a slash, so "/\t/evil.com" is "//evil.com") and kept only
 * if it stays on the panel's origin; what is returned is that resolved path, so what was checked is
 * exactly where the browser goes.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(value, PANEL_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PANEL_ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Decoded, a path must not turn into another origin either (a later decode-and-redirect would).
  if (!path.startsWith('/') || path.startsWith('//') || /^\/[\\/]/.test(safeDecode(path))) return '/';
  if (path.startsWith('/sign-in') || path.startsWith('/api/auth')) return '/';
  return path;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
