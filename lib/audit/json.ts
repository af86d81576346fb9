// Audit before/after snapshots are stored as JSON; money is BigInt and dates are objects, neither of
// which JSON.stringify accepts as-is. Amounts become decimal strings so no precision is lost.

export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

export function toAuditJson(value: unknown): AuditJson {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (typeof value === 'object') {
    const out: Record<string, AuditJson> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      out[key] = toAuditJson(item);
    }
    return out;
  }
  return String(value);
}
