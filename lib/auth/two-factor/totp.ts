import { Secret, TOTP } from 'otpauth';

// Time-based one-time passwords (RFC 6238) as authenticator apps make them: SHA-1, 6 digits, 30-second
// steps, one step of clock drift either way. A code is accepted only for a step later than the last
// one accepted, so an overheard code cannot be used again. Pure (no database).

export const ISSUER = 'Sparados panel';
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = 'user'): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh secret (160 bits), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI a QR code carries. */
export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** The time step `at` falls in. */
export function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS);
}

/** The code for a step (tests, and the e2e tests' stand-in for an authenticator app). */
export function totpCode(secretBase32: string, at: Date = new Date()): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** The step a code belongs to when it is valid now and newer than `lastStep`; null otherwise. */
export function acceptedStep(code: string, secretBase32: string, lastStep: number | null, at: Date = new Date()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  const step = stepAt(at) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
