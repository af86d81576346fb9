import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery';
import { acceptedStep, newTotpSecret, stepAt, totpCode, totpUri } from './totp';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2030-05-05T12:00:10Z');

  it('accepts the current code and one step of drift either way, never an older step than the last accepted', () => {
    const step = stepAt(now);
    expect(acceptedStep(totpCode(secret, now), secret, null, now)).toBe(step);
    expect(acceptedStep(totpCode(secret, new Date(now.getTime() - 30_000)), secret, null, now)).toBe(step - 1);
    expect(acceptedStep(totpCode(secret, new Date(now.getTime() + 30_000)), secret, null, now)).toBe(step + 1);
    expect(acceptedStep(totpCode(secret, new Date(now.getTime() - 90_000)), secret, null, now)).toBeNull();
    // The same code twice: the second time its step is not later than the last accepted.
    expect(acceptedStep(totpCode(secret, now), secret, step, now)).toBeNull();
  });

  it('refuses codes that are not six digits, and codes of another secret', () => {
    expect(acceptedStep('12345', secret, null, now)).toBeNull();
    expect(acceptedStep('abcdef', secret, null, now)).toBeNull();
    expect(acceptedStep(totpCode(newTotpSecret(), now), secret, null, now)).toBeNull();
    expect(acceptedStep(` ${totpCode(secret, now).slice(0, 3)} ${totpCode(secret, now).slice(3)} `, secret, null, now)).toBe(stepAt(now));
  });

  it('builds the otpauth URI authenticator apps read', () => {
    expect(totpUri(secret, 'anna@demo.test')).toMatch(new RegExp(`^otpauth://totp/Sparados%20panel:anna%40demo\\.test\\?issuer=Sparados%20panel&secret=${secret}&algorithm=SHA1&digits=6&period=30$`));
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes that hash the same however they are typed', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const key = Buffer.alloc(32, 7);
    expect(hashRecoveryCode(codes[0]!.toUpperCase().replace('-', ' '), key)).toBe(hashRecoveryCode(codes[0]!, key));
    expect(normalizeRecoveryCode('AbCdE-fGhJk')).toBe('abcdefghjk');
    expect(looksLikeRecoveryCode(codes[0]!)).toBe(true);
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});
