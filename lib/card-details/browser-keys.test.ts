import { CompactEncrypt, importSPKI } from 'jose';
import { describe, expect, it } from 'vitest';
import { groupCardNumber, newRevealKeys, openCardDetails } from './browser-keys';

async function sealFor(publicKeyPem: string, payload: unknown): Promise<string> {
  const key = await importSPKI(publicKeyPem, 'RSA-OAEP-256');
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(key);
}

describe('the browser half of showing card details', () => {
  it('makes a 2048-bit RSA-OAEP key whose private half cannot be exported', async () => {
    const keys = await newRevealKeys();
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n$/);
    expect(keys.privateKey.extractable).toBe(false);
    expect((keys.privateKey.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(2048);
    await expect(crypto.subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
  });

  it('opens a JWE sealed to its public key, and only that one', async () => {
    const keys = await newRevealKeys();
    const jwe = await sealFor(keys.publicKeyPem, { id: 'c1', type: 'VIRTUAL', cardNo: '4111111111111111', cvv: '123', exp: '2031-05-31' });
    expect(await openCardDetails(jwe, keys.privateKey)).toEqual({ number: '4111111111111111', expiry: '05/31', cvv: '123' });
    const other = await newRevealKeys();
    await expect(openCardDetails(jwe, other.privateKey)).rejects.toThrow();
  });

  it('refuses a payload that is not card data', async () => {
    const keys = await newRevealKeys();
    const jwe = await sealFor(keys.publicKeyPem, { cardNo: 'abc', cvv: '1', exp: 'soon' });
    await expect(openCardDetails(jwe, keys.privateKey)).rejects.toThrow();
  });

  it('groups a card number by four', () => {
    expect(groupCardNumber('4111111111111111')).toBe('4111 1111 1111 1111');
  });
});
