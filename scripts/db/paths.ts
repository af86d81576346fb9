import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const dataDir = resolve(projectRoot, '.data');

/** A number stable for this checkout, so two checkouts on one machine pick different default ports. */
export function checkoutOffset(modulo: number): number {
  const digest = createHash('sha256').update(projectRoot).digest();
  return digest.readUInt32BE(0) % modulo;
}
