import 'server-only';
import { sealingKey as deriveKey } from '@/lib/security/seal';

// A one-time code waits in the inbox between the listener's reply and the worker's delivery. It is
// stored sealed (lib/security/seal.ts) and erased once delivered, so the database never holds it in
// clear (docs/decisions/082).

export { seal, unseal } from '@/lib/security/seal';

export function sealingKey(secret: string): Buffer {
  return deriveKey(secret, 'webhook-inbox', 'sparados-panel webhook one-time code');
}
