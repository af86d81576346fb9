import { createHmac, randomInt } from 'node:crypto';

// Recovery codes: ten single-use codes shown once at enrolment, for a lost phone. Each is 10 characters
// from an alphabet without look-alikes (about 50 bits), so a keyed hash (HMAC-SHA-256 with a key derived
// from NEXTAUTH_SECRET) is enough to keep them: no slow hash is needed against guessing.

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Typed loosely (case, spaces, dashes) but compared exactly. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return normalizeRecoveryCode(code).length === 10 && !/^\d+$/.test(normalizeRecoveryCode(code));
}

export function hashRecoveryCode(code: string, key: Buffer): string {
  return createHmac('sha256', key).update(normalizeRecoveryCode(code)).digest('hex');
}
