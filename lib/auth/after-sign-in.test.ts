import { describe, expect, it } from 'vitest';
import { afterSignInPath, signInLandingPath } from './after-sign-in';

describe('where a fresh session goes', () => {
  it('goes to the page asked for once complete, else to the code prompt or the set-up, carrying the page', () => {
    expect(afterSignInPath('/cards?status=ACTIVE', 'ok')).toBe('/cards?status=ACTIVE');
    expect(afterSignInPath('/cards?status=ACTIVE', 'pending')).toBe('/two-factor?callbackUrl=%2Fcards%3Fstatus%3DACTIVE');
    expect(afterSignInPath('/', 'setup')).toBe('/two-factor/setup?callbackUrl=%2F');
    expect(signInLandingPath('/audit?page=2')).toBe('/sign-in?callbackUrl=%2Faudit%3Fpage%3D2');
  });
});
