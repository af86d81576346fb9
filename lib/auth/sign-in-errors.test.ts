import { describe, expect, it } from 'vitest';
import { rateLimitedError, safeCallbackPath, signInErrorMessage } from './sign-in-errors';

describe('sign-in error messages', () => {
  it('says how long to wait when throttled', () => {
    expect(signInErrorMessage(rateLimitedError(15))).toBe('Too many attempts, try again in 15 minutes.');
    expect(signInErrorMessage(rateLimitedError(0.2))).toBe('Too many attempts, try again in 1 minute.');
    expect(signInErrorMessage('RateLimited:junk')).toBe('Too many attempts, try again in 1 minute.');
  });

  it('gives one message for unknown e-mail and wrong password', () => {
    expect(signInErrorMessage('CredentialsSignin')).toBe('Incorrect e-mail or password.');
  });

  it('has a message for every other failure and none without one', () => {
    // A disabled account is not told apart from a wrong password.
    expect(signInErrorMessage('AccountInactive')).toBe('Sign-in failed. Try again.');
    expect(signInErrorMessage('OAuthCallback')).toMatch(/Single sign-on failed/);
    expect(signInErrorMessage('Something new')).toBe('Sign-in failed. Try again.');
    expect(signInErrorMessage(null)).toBeNull();
  });
});

describe('safeCallbackPath', () => {
  it('keeps local paths', () => {
    expect(safeCallbackPath('/cards?status=active')).toBe('/cards?status=active');
  });

  it('refuses other origins, protocol-relative and looping targets', () => {
    expect(safeCallbackPath('https://evil.test/')).toBe('/');
    expect(safeCallbackPath('//evil.test/')).toBe('/');
    expect(safeCallbackPath('/\\evil.test')).toBe('/');
    expect(safeCallbackPath('/sign-in')).toBe('/');
    expect(safeCallbackPath(undefined)).toBe('/');
  });

  it('refuses what a browser would resolve to another origin: tabs, newlines, backslashes, encoded slashes', () => {
    for (const sneaky of ['/\t/evil.com', '/\n/evil.com', '/\r\n/evil.com', '/\\/evil.com', '\\\\evil.com', '/%2F/evil.com', '/%5C/evil.com', '/%2f%2fevil.com', '/ /evil.com'.replace(' ', '\t'), 'javascript:alert(1)']) {
      expect(safeCallbackPath(sneaky), JSON.stringify(sneaky)).toBe('/');
    }
  });

  it('returns the path the browser will follow, not the raw text', () => {
    expect(safeCallbackPath('/cards/../requests?x=1#top')).toBe('/requests?x=1#top');
    expect(safeCallbackPath('/ca\trds')).toBe('/cards');
  });
});
