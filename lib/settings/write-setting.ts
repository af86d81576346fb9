import 'server-only';
import { revisionOf, type SettingRevision } from './setting-revision';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';

// Replaces a whole Settings row if it is still the version the editor loaded (setting-revision.ts).

export interface StoredSetting {
  value: Prisma.JsonValue | null;
  revision: SettingRevision;
}

/** The row as it stands, for the editor's diff; refuses when it moved on since the form loaded it. */
export async function readSettingAt(db: Prisma.TransactionClient, key: string, expected: SettingRevision, what: string): Promise<StoredSetting> {
  const row = await db.setting.findUnique({ where: { key } });
  if (revisionOf(row) !== expected) throw staleEdit(what);
  return { value: row?.value ?? null, revision: revisionOf(row) };
}

/** Writes the new value on the expected version only; the conditional write closes the race after the read. */
export async function writeSettingAt(
  db: Prisma.TransactionClient,
  key: string,
  expected: SettingRevision,
  value: Prisma.InputJsonValue,
  userId: string,
  what: string,
): Promise<SettingRevision> {
  const written =
    expected === null
      ? await db.setting.createMany({ data: [{ key, value, updatedById: userId }], skipDuplicates: true })
      : await db.setting.updateMany({ where: { key, updatedAt: new Date(expected) }, data: { value, updatedById: userId } });
  if (written.count !== 1) throw staleEdit(what);
  return revisionOf(await db.setting.findUniqueOrThrow({ where: { key }, select: { updatedAt: true } }));
}

function staleEdit(what: string): AppError {
  return new AppError('CONFLICT', `Someone else saved the ${what} after you opened this page. Reload it to see their change, then make yours again.`);
}
