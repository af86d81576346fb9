import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';

// Per-user limit on server actions (ASVS 2.2 / 11.1): one counter row per user in fixed one-minute
// windows, bumped in a single statement so every app instance shares it. Generous for a person
// clicking, tight for a stolen session or a script replaying actions. Bulk actions count once.

const WINDOW_MS = 60_000;

/** Counts this action; true while the user is within `perMinute` actions in the current minute. */
export async function takeActionSlot(db: PrismaClient, userId: string, perMinute: number, now: Date = new Date()): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS).toISOString().slice(0, 23);
  const [row] = await db.$queryRaw<Array<{ count: number }>>`
    INSERT INTO "ActionRate" ("userId", "windowStart", "count") VALUES (${userId}::uuid, ${windowStart}::timestamp(3), 1)
    ON CONFLICT ("userId") DO UPDATE SET
      "count" = CASE WHEN "ActionRate"."windowStart" = EXCLUDED."windowStart" THEN "ActionRate"."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart"
    RETURNING "count"`;
  return (row?.count ?? 1) <= perMinute;
}
