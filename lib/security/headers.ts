// The panel's security headers (ASVS 14.4, docs/decisions/109). Pure: the proxy builds them per request
// (the CSP carries a fresh nonce that Next puts on its own scripts); next.config.mjs sets the static
// ones on every response, assets included. Client-safe, no secrets.

export interface CspOptions {
  nonce: string;
  /** Next's development runtime evaluates code (React refresh): 'unsafe-eval' only there. */
  dev: boolean;
  https: boolean;
}

/**
 * Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic'). Styles
 * allow inline attributes (React `style=`; they cannot run code). Nothing may frame the panel, embed
 * plugins, change the base URL or post forms elsewhere.
 */
export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

export { STATIC_SECURITY_HEADERS } from './static-headers.mjs';

/** Two years, subdomains included: sent only when the panel is reached over https. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** A nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
