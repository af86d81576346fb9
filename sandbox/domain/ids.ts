import { randomInt, randomUUID } from 'node:crypto';

export const newUuid = (): string => randomUUID();

/** `length` random decimal digits (leading zeros allowed). */
export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}
