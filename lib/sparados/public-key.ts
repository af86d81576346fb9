import 'server-only';
import { createPublicKey } from 'node:crypto';

/** What Sparados accepts in the `Public-Key` header (API-REFERENCE §4); null when the key is fine. */
export function publicKeyProblem(publicKeyPem: string): string | null {
  const problem = 'the public key must be an SPKI PEM ("BEGIN PUBLIC KEY") RSA key of at least 2048 bits';
  if (!publicKeyPem.includes('-----BEGIN PUBLIC KEY-----')) return problem;
  try {
    const key = createPublicKey(publicKeyPem);
    const bits = key.asymmetricKeyDetails?.modulusLength;
    return key.asymmetricKeyType === 'rsa' && bits !== undefined && bits >= 2048 ? null : problem;
  } catch {
    return problem;
  }
}
