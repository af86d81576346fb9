// Benchmark: the cards list at 50,000 approvals (issue 5 item 3). Seeds synthetic cards into a
// database of its own, then times list pages: the first page, a deep page reached by keyset cursor,
// filtered pages, and the same deep page with OFFSET as the baseline keyset pagination replaces.
//   npm run bench:cards              (BENCH_CARDS, BENCH_RUNS to tune; DATABASE_URL to use another database)
import { randomBytes } from 'node:crypto';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../scripts/db/embedded';
import { applyMigrations } from '../scripts/db/migrations';
import { timeMedian } from './lib/timing';

const CARDS = Number(process.env.BENCH_CARDS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const DEEP_ROW = Math.floor(CARDS * 0.9);

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  embedded = await startEmbeddedDatabase({ cluster: 'dev', database: 'cards_bench', fresh: true });
  process.env.DATABASE_URL = embedded.url;
}
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('hex');
await applyMigrations(process.env.DATABASE_URL!);

// Imported after the environment is set: lib/env reads it on first use.
const { db } = await import('../lib/db');
const { seedCards } = await import('../lib/approvals/seed-cards');
const { cardListIds, countCards } = await import('../lib/approvals/queries');
const { encodeCursor, parseCardListParams } = await import('../lib/approvals/list-params');

const started = performance.now();
const seeded = await seedCards(db, CARDS, randomBytes(4).toString('hex'));
console.log(`Seeded ${CARDS.toLocaleString('en')} cards with approvals in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const time = (label: string, fn: () => Promise<unknown>) => timeMedian(label, fn, RUNS);

/** One list page as the page loads it: the ids by keyset, then the rows with their joins. */
async function page(params: Record<string, string>) {
  const query = parseCardListParams({ size: '50', ...params });
  const { ids } = await cardListIds(query);
  return db.card.findMany({ where: { id: { in: ids.map((i) => i.id) } }, include: { cardholder: true, currentApproval: true } });
}

// The cursor of the row DEEP_ROW rows down in the default order (newest activity first).
const [deep] = await db.$queryRaw<Array<{ id: string; v: string }>>`
  SELECT id, to_char("lastActivityAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS v FROM "Card"
  ORDER BY "lastActivityAt" DESC, id DESC OFFSET ${DEEP_ROW - 1} LIMIT 1`;
const deepCursor = encodeCursor(deep!.v, deep!.id);

console.log(`\nList pages of 50 (${RUNS} runs each):`);
await time('first page (last activity)', () => page({}));
const keyset = await time(`deep page, row ${DEEP_ROW.toLocaleString('en')} (keyset cursor)`, () => page({ after: deepCursor }));
const offset = await time(`deep page, row ${DEEP_ROW.toLocaleString('en')} (OFFSET baseline)`, async () => {
  const rows = await db.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Card" ORDER BY "lastActivityAt" DESC, id DESC OFFSET ${DEEP_ROW} LIMIT 51`;
  return db.card.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: { cardholder: true, currentApproval: true } });
});
await time('filtered: status DELIVERED, card LOCKED', () => page({ status: 'DELIVERED', card: 'LOCKED' }));
await time('filtered: tag "travel", sorted by end date', () => page({ tag: 'travel', sort: 'endDate' }));
await time('filtered: expiring within 14 days', () => page({ expiring: '14' }));
await time('search "nowak" (substring of name/e-mail/phone)', () => page({ q: 'nowak' }));
await time('search for one person by e-mail', () => page({ q: `seed-${seeded.run}-4242@` }));
await time('sorted by cardholder name', () => page({ sort: 'name' }));
await time('count of all cards (shown above the list)', () => countCards(parseCardListParams({})));
await time('count, status DELIVERED', () => countCards(parseCardListParams({ status: 'DELIVERED' })));

console.log(`\nDeep page: OFFSET is ${(offset / keyset).toFixed(1)}× slower than the keyset cursor.`);
await db.$disconnect();
await embedded?.stop();
process.exit(0);
