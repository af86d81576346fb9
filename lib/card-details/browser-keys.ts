import { compactDecrypt } from 'jose';
import { z } from 'zod';

// The browser's half of "Show card details": a key pair made for one reveal, whose private key cannot be
// exported (not even by our own scripts), and the decryption of Sparados' JWE with it. Client-only.

export interface RevealKeys {
  privateKey: CryptoKey;
  /** SPKI PEM, the only part that leaves the browser. */
  publicKeyPem: string;
}

export interface CardDetails {
  number: string;
  /** MM/YY, as printed on a card. */
  expiry: string;
  cvv: string;
}

const RSA_OAEP_256: RsaHashedKeyGenParams = { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

function pem(spki: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(spki)) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

export async function newRevealKeys(): Promise<RevealKeys> {
  // extractable=false binds the private key; a generated public key is always exportable.
  const pair = await crypto.subtle.generateKey(RSA_OAEP_256, false, ['encrypt', 'decrypt']);
  return { privateKey: pair.privateKey, publicKeyPem: pem(await crypto.subtle.exportKey('spki', pair.publicKey)) };
}

const payloadSchema = z.object({
  cardNo: z.string().regex(/^\d{12,19}$/),
  cvv: z.string().regex(/^\d{3,4}$/),
  exp: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export async function openCardDetails(jwe: string, privateKey: CryptoKey): Promise<CardDetails> {
  const { plaintext } = await compactDecrypt(jwe, privateKey, { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] });
  const payload = payloadSchema.parse(JSON.parse(new TextDecoder().decode(plaintext)));
  return { number: payload.cardNo, expiry: `${payload.exp.slice(5, 7)}/${payload.exp.slice(2, 4)}`, cvv: payload.cvv };
}

/** "4111 1111 1111 1111": read aloud and typed in groups. */
export function groupCardNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}
