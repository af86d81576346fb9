import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { parseCardListParams, type CardListQuery, type CardSort } from './list-params';
import { cardListIds, countCards, listCards } from './queries';
import { seedCards, type SeededCards } from './seed-cards';

// Keyset paging walked end to end in both directions against a plain ORDER BY of the same rows.

let seeded: SeededCards;
beforeAll(async () => {
  seeded = await seedCards(db, 130, randomUUID().slice(0, 8));
});

const base = (extra: Record<string, string> = {}): CardListQuery => parseCardListParams({ account: seeded.account, size: '25', ...extra });

const ORDER: Record<CardSort, string> = { activity: '"lastActivityAt"', endDate: '"endDate"', created: '"createdAt"', name: '"holderSortName"' };

async function expected(sort: CardSort, dir: 'asc' | 'desc', where = 'TRUE'): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id FROM "Card" WHERE "balanceAliasId" = $1 AND ${where} ORDER BY ${ORDER[sort]} ${dir}, id ${dir}`,
    seeded.account,
  );
  return rows.map((r) => r.id);
}

async function walk(query: CardListQuery): Promise<{ forward: string[]; backward: string[] }> {
  const forward: string[] = [];
  let page = await listCards(query);
  expect(page.prev).toBeNull();
  const seen = [page];
  forward.push(...page.rows.map((r) => r.id));
  while (page.next) {
    page = await listCards({ ...query, after: page.next, before: null });
    seen.push(page);
    forward.push(...page.rows.map((r) => r.id));
  }
  // Back from the last page to the first with the prev cursors.
  const backward: string[] = [...page.rows.map((r) => r.id)];
  while (page.prev) {
    page = await listCards({ ...query, before: page.prev, after: null });
    backward.unshift(...page.rows.map((r) => r.id));
  }
  expect(page.prev).toBeNull();
  return { forward, backward };
}

describe('cards list keyset paging', () => {
  for (const sort of ['activity', 'endDate', 'created', 'name'] as const) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`walks every page by ${sort} ${dir}, forward and back, without gaps or repeats`, async () => {
        const want = await expected(sort, dir);
        expect(want).toHaveLength(130);
        const { forward, backward } = await walk(base({ sort, dir }));
        expect(forward).toEqual(want);
        expect(backward).toEqual(want);
      });
    }
  }

  it('filters by status, card status, tag, expiry and search, and counts the same rows', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ status: 'DELIVERED,ACCEPTED' }, `status IN ('DELIVERED','ACCEPTED')`],
      [{ card: 'LOCKED' }, `"cardStatus" = 'LOCKED'`],
      [{ tag: 'travel' }, `'travel' = ANY(tags)`],
      [{ expiring: '30' }, `"endDate" >= timezone('UTC', now()) AND "endDate" < timezone('UTC', now()) + interval '30 days' AND status IN ('ACCEPTED','PREPARED','DELIVERED')`],
      [{ q: 'NOWAK' }, `"searchText" LIKE '%nowak%'`],
      [{ q: `${seeded.run}-17@` }, `"searchText" LIKE '%-17@%'`],
      [{ q: '50%_' }, 'FALSE'],
    ];
    for (const [params, where] of cases) {
      const want = await expected('activity', 'desc', where);
      const query = base({ ...params, size: '100' });
      const { ids } = await cardListIds(query);
      expect(ids.map((i) => i.id), JSON.stringify(params)).toEqual(want.slice(0, 100));
      expect(await countCards(query)).toBe(want.length);
    }
  });

  it('returns display rows with money as strings and the pending change request flag', async () => {
    const page = await listCards(base({ status: 'DELIVERED', size: '25' }));
    expect(page.total).toBeGreaterThan(0);
    const row = page.rows[0]!;
    expect(row.status).toBe('DELIVERED');
    expect(row.budgetMinor).toMatch(/^\d+$/);
    expect(row.holder.email).toMatch(/@bench\.test$/);
    expect(row.pendingRequest).toBe(false);
  });
});
