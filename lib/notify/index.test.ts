import { describe, expect, it } from 'vitest';
import { assertNotifierAllowed } from './index';

describe('assertNotifierAllowed', () => {
  it('refuses the console notifier in production, naming NOTIFIER', () => {
    expect(() => assertNotifierAllowed({ NOTIFIER: 'console', NODE_ENV: 'production' })).toThrow(/NOTIFIER: the console notifier .* refused in production/);
  });

  it('allows it in development and tests', () => {
    expect(() => assertNotifierAllowed({ NOTIFIER: 'console', NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertNotifierAllowed({ NOTIFIER: 'console', NODE_ENV: 'test' })).not.toThrow();
  });
});
