import 'server-only';
import type { CallOptions, SparadosTransport } from '../call';
import { SparadosError } from '../errors';
import { cardSensitiveWireSchema } from '../schemas/cards';
import { publicKeyProblem } from '../public-key';

/** The encrypted card data: a JWE only the holder of the matching private key can open. */
export interface EncryptedCardData {
  jwe: string;
}

const parseSensitive = (json: unknown): EncryptedCardData => ({ jwe: cardSensitiveWireSchema.parse(json).payload });

function publicKeyHeader(publicKeyPem: string): string {
  const problem = publicKeyProblem(publicKeyPem);
  if (problem) throw new SparadosError({ kind: 'invalid_request', endpoint: 'getCardSensitiveData', sent: false, message: `getCardSensitiveData: ${problem}` });
  return Buffer.from(publicKeyPem, 'utf8').toString('base64');
}

export function cardCalls(t: SparadosTransport) {
  /**
   * PAN, CVV and expiry of a card, encrypted to `publicKeyPem` (RSA-OAEP-256 + A256GCM).
   * The server only forwards the JWE; it never sees the private key or the clear data.
   */
  async function getCardSensitiveData(cardId: string, publicKeyPem: string, options?: CallOptions): Promise<EncryptedCardData> {
    const header = publicKeyHeader(publicKeyPem);
    return t.read({ endpoint: 'getCardSensitiveData', params: { cardId }, headers: { 'public-key': header } }, parseSensitive, options);
  }
  return { getCardSensitiveData };
}
