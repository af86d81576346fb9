import { createHash } from 'node:crypto';

// Idempotency keys derived from another key or from facts (a CSV file's hash and row), shaped as
// UUIDs so they fit wherever a form's own key fits. Same input, same key: that is the point.

export function deriveKey(...parts: Array<string | number>): string {
  const hex = createHash('sha256').update(parts.map(String).join('\u001f')).digest('hex');
  // Version 8 ("custom") UUID layout: the variant and version nibbles are fixed, the rest is the hash.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
