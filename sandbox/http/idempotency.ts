// `X-Idempotency-Key` on POST and PUT (API-REFERENCE §8): the same key replays the first response,
// the same key with another request is 409.
import { createHash } from 'node:crypto';
import type { Store } from '../store/store';
import { ApiError } from './errors';
import type { HandlerResult } from './router';

const RETENTION_MS = 24 * 3_600_000;

/** Key order and whitespace do not make a different request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(body)}`).digest('hex');
}

export class IdempotencyCache {
  constructor(private readonly store: Store) {}

  private scopedKey(corporationId: string, key: string): string {
    return `${corporationId}:${key}`;
  }

  /** The stored response to replay, or null when the key is new. Throws 409 when the key was used for another request. */
  lookup(corporationId: string, key: string, print: string): HandlerResult | null {
    const record = this.store.idempotency.get(this.scopedKey(corporationId, key));
    if (!record || Date.now() - record.storedAt > RETENTION_MS) return null;
    if (record.fingerprint !== print) {
      throw new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', `X-Idempotency-Key ${key} was already used for a different request`);
    }
    return { status: record.status, body: record.body };
  }

  remember(corporationId: string, key: string, print: string, result: HandlerResult): void {
    const scoped = this.scopedKey(corporationId, key);
    this.store.idempotency.set(scoped, { key: scoped, fingerprint: print, status: result.status, body: result.body, storedAt: Date.now() });
    if (this.store.idempotency.size % 1000 === 0) this.prune();
    this.store.changed();
  }

  private prune(): void {
    const cutoff = Date.now() - RETENTION_MS;
    for (const [k, r] of this.store.idempotency) if (r.storedAt < cutoff) this.store.idempotency.delete(k);
  }
}
