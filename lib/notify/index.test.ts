import { describe, expect, it } from 'vitest';
import { assertNotifierAllowed } from './index';

describe('assertNotifierAllowed', () => {
  it('refuses the console channel in production, alone or among others, naming NOTIFIER', () => {
    expect(() => assertNotifierAllowed({ NOTIFIER: ['console'], NODE_ENV: 'production' })).toThrow(/NOTIFIER: the console channel .* refused in production/);
    expect(() => assertNotifierAllowed({ NOTIFIER: ['email', 'console'], NODE_ENV: 'production' })).toThrow(/NOTIFIER/);
  });

  it('allows it in development and tests, and e-mail and SMS everywhere', () => {
    expect(() => assertNotifierAllowed({ NOTIFIER: ['console'], NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertNotifierAllowed({ NOTIFIER: ['console'], NODE_ENV: 'test' })).not.toThrow();
    expect(() => assertNotifierAllowed({ NOTIFIER: ['email', 'sms'], NODE_ENV: 'production' })).not.toThrow();
  });
});
