import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deriveKey } from './idempotency-keys';

describe('deriveKey', () => {
  it('is stable, distinct per input and shaped as a UUID', () => {
    const key = deriveKey('abc', 2, 'assign');
    expect(key).toBe(deriveKey('abc', 2, 'assign'));
    expect(key).not.toBe(deriveKey('abc', 3, 'assign'));
    expect(key).not.toBe(deriveKey('abc2', '', 'assign'));
    expect(z.uuid().safeParse(key).success).toBe(true);
  });
});
