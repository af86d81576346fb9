import { webcrypto } from 'node:crypto';
import { x509 } from './x509';

// One signing algorithm for every key, certificate and CSR we make: what Sparados asks for (RSA ≥ 2048).
export const RSA_SIGNING = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
} as const;

export const subtle = webcrypto.subtle as unknown as SubtleCrypto;

export async function generateRsaKeyPair(bits = 2048): Promise<CryptoKeyPair> {
  if (!Number.isInteger(bits) || bits < 2048) throw new Error(`RSA keys must be at least 2048 bits, got ${bits}`);
  return subtle.generateKey(
    { ...RSA_SIGNING, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
}

function toPem(label: string, der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, label) + '\n';
}

function fromPem(pem: string, label: string): ArrayBuffer {
  const blocks = x509.PemConverter.decodeWithHeaders(pem).filter((b) => b.type === label);
  if (blocks.length === 0) throw new Error(`no "${label}" PEM block found`);
  return blocks[0].rawData;
}

/** PKCS#8 "PRIVATE KEY" PEM, the form Node's TLS and openssl both read. */
export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', await subtle.exportKey('pkcs8', key));
}

/** SPKI "PUBLIC KEY" PEM. */
export async function exportPublicKeyPem(key: CryptoKey): Promise<string> {
  return toPem('PUBLIC KEY', await subtle.exportKey('spki', key));
}

export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  return subtle.importKey('pkcs8', fromPem(pem, 'PRIVATE KEY'), RSA_SIGNING, true, ['sign']);
}

export async function importPublicKeyPem(pem: string): Promise<CryptoKey> {
  return subtle.importKey('spki', fromPem(pem, 'PUBLIC KEY'), RSA_SIGNING, true, ['verify']);
}

/** Rebuilds a usable key pair from a stored private key (the public half is derived from it). */
export async function importKeyPairPem(privateKeyPem: string): Promise<CryptoKeyPair> {
  const privateKey = await importPrivateKeyPem(privateKeyPem);
  const jwk = await subtle.exportKey('jwk', privateKey);
  const publicKey = await subtle.importKey('jwk', { kty: jwk.kty, n: jwk.n, e: jwk.e, alg: jwk.alg, ext: true }, RSA_SIGNING, true, ['verify']);
  return { privateKey, publicKey };
}
