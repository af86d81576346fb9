import { describe, expect, it } from 'vitest';
import { isUuid } from './ids';

describe('isUuid', () => {
  it('accepts UUIDs and nothing that merely looks long enough', () => {
    expect(isUuid('0b8e3f2a-9c1d-4e5f-8a7b-6c5d4e3f2a1b')).toBe(true);
    for (const bad of ['-'.repeat(36), 'x'.repeat(36), '0b8e3f2a9c1d4e5f8a7b6c5d4e3f2a1b', "0b8e3f2a-9c1d-4e5f-8a7b-6c5d4e3f2a1'", '', null]) expect(isUuid(bad), String(bad)).toBe(false);
  });
});
