import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores an argon2id PHC string with the policy parameters', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(stored)).toBe(false);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
  });

  it('refuses malformed hashes and oversized passwords instead of throwing', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    const stored = await hashPassword('x'.repeat(PASSWORD_MAX_LENGTH + 1));
    expect(await verifyPassword(stored, 'x'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe(false);
  });

  it('asks for a rehash when the stored parameters are weaker than the policy', async () => {
    const weak = await hash('old password', { memoryCost: 4096, timeCost: 1, parallelism: 1, algorithm: 2 });
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('always answers false for the dummy verification', async () => {
    expect(await verifyAgainstDummy('not-a-real-password-only-for-timing')).toBe(false);
  });
});
