import { hash, parseOptions, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH } from './password-policy';

// No 'server-only' marker: the seed script (plain tsx) hashes demo passwords with it, and the native
// argon2 module cannot end up in a browser bundle anyway.

// Argon2id with OWASP's first recommended profile (19 MiB, 2 passes, 1 lane): about 30 ms here,
// memory-hard enough to make GPU guessing expensive, cheap enough for a small admin panel.
// See docs/decisions/050-password-hashing-argon2id.md.
const ARGON2ID = 2; // Algorithm.Argon2id; the package declares it as a const enum, unusable with isolatedModules.

export const PASSWORD_POLICY = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

export function hashPassword(password: string): Promise<string> {
  return hash(password, { ...PASSWORD_POLICY, algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not become a way in, nor a 500 on the sign-in page.
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's policy. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const used = parseOptions(passwordHash);
    return (
      used.algorithm !== ARGON2ID ||
      used.memoryCost !== PASSWORD_POLICY.memoryCost ||
      used.timeCost !== PASSWORD_POLICY.timeCost ||
      used.parallelism !== PASSWORD_POLICY.parallelism ||
      used.outputLen !== PASSWORD_POLICY.outputLen
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification. Used when the e-mail is unknown, so response time
 * does not tell an attacker which addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-only-for-timing');
  await verifyPassword(await dummyHash, password.slice(0, PASSWORD_MAX_LENGTH));
  return false;
}
