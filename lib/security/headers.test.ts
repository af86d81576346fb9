import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './headers';

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce, and forbids framing, plugins, base and form targets elsewhere', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', dev: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", 'upgrade-insecure-requests']) expect(csp).toContain(directive);
  });

  it("adds 'unsafe-eval' only in development, and no upgrade over plain http", () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', dev: true, https: false });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('makes a fresh nonce each time', () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

