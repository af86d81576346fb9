import type { Prisma } from '@/lib/generated/prisma/client';

// A held change keeps its action's parsed input until a second person approves it. Parsed inputs carry
// BigInt amounts and Date instants, which JSON does not: they are tagged on the way in and restored on
// the way out, so the change is carried out with exactly what was asked.

type Tagged = { $bigint: string } | { $date: string };

function isTagged(value: unknown): value is Tagged {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && ('$bigint' in value || '$date' in value);
}

export function toPayload(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    if (raw instanceof Date) return { $date: raw.toISOString() };
    return v;
  })) as Prisma.InputJsonValue;
}

export function fromPayload<T>(json: unknown): T {
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (isTagged(value)) return '$bigint' in value ? BigInt(value.$bigint) : new Date(value.$date);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
    return value;
  };
  return revive(json) as T;
}
