import { z } from 'zod';

// Optimistic concurrency for Settings rows an editor replaces whole: the form sends the row's
// `updatedAt` as it loaded it (null when the row did not exist yet), and the save only goes through
// if the row is still that version. A second tab's stale save, or a double submit, then gets a
// CONFLICT instead of silently undoing the other write. Client-safe.

export const settingRevisionSchema = z.iso.datetime({ error: 'Reload the page: the settings version is missing' }).nullable();

export type SettingRevision = z.infer<typeof settingRevisionSchema>;

export function revisionOf(row: { updatedAt: Date } | null): SettingRevision {
  return row ? row.updatedAt.toISOString() : null;
}
