import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The application offers no way to edit or delete an audit entry: no panel source (tests aside)
// calls an update or delete on AuditEvent, in Prisma or in SQL. The database refuses them anyway
// (append-only.int.test.ts); this keeps anyone from building a button that can only fail.

const root = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['app', 'components', 'lib', 'scripts', 'prisma'];
const FORBIDDEN = [
  /auditEvent\s*\.\s*(update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/i,
  /UPDATE\s+"?AuditEvent"?/i,
  /DELETE\s+FROM\s+"?AuditEvent"?/i,
  /TRUNCATE\s+(TABLE\s+)?"?AuditEvent"?/i,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'node_modules' || entry.name === 'migrations' ? [] : sources(path);
    return /\.(ts|tsx|mts|mjs|sql)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('no edit or delete path for audit entries', () => {
  it('finds no update or delete of AuditEvent in application code', () => {
    const files = FOLDERS.flatMap((folder) => sources(join(root, folder)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(root, file)} matches ${pattern}`);
    });
    expect(offenders).toEqual([]);
  });

  it('would notice one', () => {
    expect(FORBIDDEN.some((p) => p.test('await db.auditEvent.deleteMany({})'))).toBe(true);
    expect(FORBIDDEN.some((p) => p.test('UPDATE "AuditEvent" SET summary = 1'))).toBe(true);
  });
});
