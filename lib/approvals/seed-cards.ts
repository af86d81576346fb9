import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';

// Synthetic cards for the list's tests and benchmark: `count` cardholders, cards and current
// approvals made in PostgreSQL with generate_series (50,000 in a few seconds), all on one account
// alias so a run can be filtered to itself. Deterministic for a given run id. Never used by the panel.

export interface SeededCards {
  run: string;
  account: string;
  count: number;
}

export async function seedCards(db: PrismaClient, count: number, run: string): Promise<SeededCards> {
  const account = `seed-${run}`;
  const firsts = ['Anna', 'Jan', 'Ewa', 'Piotr', 'Maria', 'Tomasz', 'Kasia', 'Marek', 'Zofia', 'Łukasz'];
  const lasts = ['Nowak', 'Kowalski', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zielińska', 'Szymański', 'Woźniak', 'Dąbrowski'];
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "Cardholder" (id, email, "phonePrefix", "phoneNumber", "firstName", "lastName", "updatedAt")
        SELECT md5(${run} || '-h-' || i)::uuid,
               'seed-' || ${run} || '-' || i || '@bench.test', '48', lpad(i::text, 9, '5'),
               (${firsts}::text[])[1 + i % 10], (${lasts}::text[])[1 + (i / 10) % 10], now()
        FROM generate_series(1, ${count}) AS i`;
      await tx.$executeRaw`
        INSERT INTO "Card" (id, "cardholderId", description, "updatedAt", "createdAt", status, "cardStatus", "balanceAliasId", "endDate", tags,
                            "lastActivityAt", "holderSortName", "searchText")
        SELECT md5(${run} || '-c-' || i)::uuid, md5(${run} || '-h-' || i)::uuid, 'Seeded card ' || i, now(),
               timezone('UTC', now()) - make_interval(mins => i),
               s.status::"ApprovalStatus",
               CASE WHEN s.status = 'DELIVERED' THEN CASE WHEN i % 7 = 0 THEN 'LOCKED' ELSE 'ACTIVE' END END,
               ${account},
               timezone('UTC', now()) + make_interval(days => (i % 400) - 30),
               CASE WHEN i % 5 = 0 THEN ARRAY['travel'] WHEN i % 5 = 1 THEN ARRAY['office', 'it'] ELSE ARRAY[]::text[] END,
               -- Many cards share an activity minute, so ties are broken by id.
               timezone('UTC', now()) - make_interval(mins => (i * 37) % 1000),
               lower((${lasts}::text[])[1 + (i / 10) % 10] || ' ' || (${firsts}::text[])[1 + i % 10] || ' seed-' || ${run} || '-' || i || '@bench.test'),
               lower((${firsts}::text[])[1 + i % 10] || ' ' || (${lasts}::text[])[1 + (i / 10) % 10] || ' seed-' || ${run} || '-' || i || '@bench.test +48' || lpad(i::text, 9, '5') || ' seeded card ' || i)
        FROM generate_series(1, ${count}) AS i,
             LATERAL (SELECT (ARRAY['DELIVERED','DELIVERED','DELIVERED','DELIVERED','ACCEPTED','PREPARED','FINISHED','EXPIRED','CANCELED','CREATED'])[1 + i % 10] AS status) s`;
      await tx.$executeRaw`
        INSERT INTO "Approval" (id, "sparadosId", "cardId", status, "statusRaw", "cardStatus", "balanceAliasId", "budgetMinor", "spentMinor", "availableMinor",
                                "startDate", "endDate", timezone, rules, tags, "updatedAt")
        SELECT md5(${run} || '-a-' || i)::uuid, md5(${run} || '-a-' || i), c.id, c.status, c.status::text, coalesce(c."cardStatus", 'ACTIVE'), ${account},
               100000 + (i % 50) * 1000, (i % 50) * 700, 100000 + (i % 50) * 300,
               c."createdAt", c."endDate", 'Europe/Warsaw', '{"limits": []}'::jsonb, c.tags, now()
        FROM generate_series(1, ${count}) AS i JOIN "Card" c ON c.id = md5(${run} || '-c-' || i)::uuid`;
      await tx.$executeRaw`
        UPDATE "Card" SET "currentApprovalId" = md5(${run} || '-a-' || i)::uuid
        FROM generate_series(1, ${count}) AS i WHERE "Card".id = md5(${run} || '-c-' || i)::uuid`;
    },
    { timeout: 600_000 },
  );
  await db.$executeRaw`ANALYZE "Card"`;
  return { run, account, count };
}
