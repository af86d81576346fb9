// Benchmark: the transactions list over 1,000,000 mirror rows (issue 7 item 3). Seeds synthetic
// transactions with generate_series into a database of its own, then times what the page does: the
// first page, a deep page by keyset cursor against the same page by OFFSET, filtered pages, the
// totals, the "newer than" poll and a streamed export.
//   npm run bench:transactions       (BENCH_TRANSACTIONS, BENCH_CARDS, BENCH_RUNS to tune; DATABASE_URL to use another
//   database; BENCH_KEEP=1 keeps the embedded bench database, which is dropped otherwise)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../scripts/db/embedded';
import { applyMigrations } from '../scripts/db/migrations';
import { timeMedian } from './lib/timing';

const ROWS = Number(process.env.BENCH_TRANSACTIONS ?? 1_000_000);
const CARDS = Number(process.env.BENCH_CARDS ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DEEP_ROW = Math.floor(ROWS * 0.9);

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  embedded = await startEmbeddedDatabase({ cluster: 'dev', database: 'transactions_bench', fresh: true });
  process.env.DATABASE_URL = embedded.url;
}
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('hex');
await applyMigrations(process.env.DATABASE_URL!);

// Imported after the environment is set: lib/env reads it on first use.
const { db } = await import('../lib/db');
const { DEFAULT_MCC_CATEGORIES } = await import('../lib/approvals/mcc');
const { parseTransactionParams, filtersOf, encodeTransactionCursor } = await import('../lib/transactions/filters');
const { listTransactions, transactionTotals, newerThan } = await import('../lib/transactions/queries');
const { transactionsCsvStream } = await import('../lib/transactions/export');

const ctx = { timeZone: 'Europe/Warsaw', accountCurrency: 'PLN', categories: DEFAULT_MCC_CATEGORIES };

// ---- seed ----

const run = randomBytes(3).toString('hex');
const seedStarted = performance.now();
await db.$executeRawUnsafe(`
  INSERT INTO "Cardholder" (id, email, "phonePrefix", "phoneNumber", "firstName", "lastName", "updatedAt")
  SELECT gen_random_uuid(), 'bench-${run}-' || g || '@example.com', '48', (600000000 + g)::text,
         (ARRAY['Anna','Piotr','Olga','Jan','Maria','Tomasz','Ewa','Marek'])[1 + g % 8],
         (ARRAY['Nowak','Kowalski','Wisniewska','Zielinski','Lewandowska','Wojcik'])[1 + g % 6] || g,
         now()
  FROM generate_series(1, ${CARDS}) g`);
await db.$executeRawUnsafe(`
  INSERT INTO "Card" (id, "cardholderId", "sparadosCardId", description, status, "cardStatus", "updatedAt", "searchText")
  SELECT gen_random_uuid(), h.id, 'bench-' || row_number() OVER (), 'Bench card', 'DELIVERED', 'ACTIVE', now(),
         lower(h."firstName" || ' ' || h."lastName" || ' ' || h.email)
  FROM "Cardholder" h WHERE h.email LIKE 'bench-${run}-%'`);
// Spread over about two years, newest first; statuses, types, merchants and currencies cycle with
// co-prime periods so filters select realistic, overlapping slices.
await db.$executeRawUnsafe(`
  WITH cards AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg("sparadosCardId" ORDER BY id) AS sids FROM "Card" WHERE "sparadosCardId" LIKE 'bench-%')
  INSERT INTO "Transaction" (id, "sparadosId", type, status, "statusRaw", "amountMinor", currency, "originalAmountMinor",
    "originalCurrency", "merchantName", mcc, "merchantCountry", "sparadosCardId", "cardId", "cardLast4", "declineReason",
    "occurredAt", "sparadosUpdatedAt", "syncedAt")
  SELECT gen_random_uuid(), md5('${run}' || g), s.type, s.status::"TransactionStatus", s.status,
         CASE WHEN s.type = 'REFUND' THEN -s.amount ELSE s.amount END, 'PLN',
         CASE WHEN g % 10 = 3 THEN s.amount / 4 ELSE s.amount END, CASE WHEN g % 10 = 3 THEN 'EUR' ELSE 'PLN' END,
         CASE WHEN g % 10000 = 7 THEN 'Rare Books ' || g ELSE (ARRAY['Orlen','Shell','BP','Zabka','Biedronka','Lidl','LOT Polish Airlines','Hilton','Uber','Bolt','Allegro','Amazon','Empik','Starbucks','McDonalds','PKP Intercity','Ikea','Media Markt','Rossmann','Apteka'])[1 + g % 20] || ' ' || (g % 300) END,
         (ARRAY['5541','5542','5411','5411','5311','5411','4511','7011','4121','4121','5969','5969','5942','5814','5814','4112','5712','5732','5912','5912'])[1 + g % 20],
         CASE WHEN g % 10 = 3 THEN 'DE' ELSE 'PL' END,
         c.sids[1 + g % array_length(c.ids, 1)], c.ids[1 + g % array_length(c.ids, 1)], lpad(((g * 7) % 10000)::text, 4, '0'),
         CASE WHEN s.status = 'DECLINED' THEN (ARRAY['INSUFFICIENT_BUDGET','ATM_LIMIT','MCC_BLOCKED','CARD_LOCKED','GENERAL_LIMIT'])[1 + g % 5] END,
         now() - make_interval(secs => g * 63), now() - make_interval(secs => g * 63), now() - make_interval(secs => g * 63)
  FROM generate_series(1, ${ROWS}) g, cards c,
  LATERAL (SELECT
    CASE WHEN g % 17 = 0 THEN 'REFUND' WHEN g % 11 = 0 THEN 'WITHDRAWAL' ELSE 'PURCHASE' END AS type,
    CASE WHEN g % 10 = 1 THEN 'AUTHORIZED' WHEN g % 10 = 2 THEN 'DECLINED' WHEN g % 20 = 5 THEN 'REVERSED' ELSE 'CLEARED' END AS status,
    (500 + (g::bigint * 7919) % 200000) AS amount) s`);
await db.$executeRawUnsafe('VACUUM ANALYZE "Transaction"');
await db.$executeRawUnsafe('ANALYZE "Card"');
await db.$executeRawUnsafe('ANALYZE "Cardholder"');
const [{ count }] = await db.$queryRaw<Array<{ count: bigint }>>`SELECT count(*)::bigint AS count FROM "Transaction"`;
console.log(`Seeded ${Number(count).toLocaleString('en')} transactions on ${CARDS.toLocaleString('en')} cards in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

// ---- measure ----

const time = (label: string, fn: () => Promise<unknown>, runs = RUNS) => timeMedian(label, fn, runs, 2);

const page = (params: Record<string, string>) => listTransactions(parseTransactionParams({ size: '50', ...params }), ctx);

const [deep] = await db.$queryRaw<Array<{ id: string; at: string }>>`
  SELECT id, to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM "Transaction"
  ORDER BY "occurredAt" DESC, id ASC OFFSET ${DEEP_ROW - 1} LIMIT 1`;
const deepCursor = encodeTransactionCursor(new Date(deep!.at), deep!.id);
const [someCard] = await db.$queryRaw<Array<{ id: string; holder: string }>>`SELECT id, "cardholderId" AS holder FROM "Card" WHERE "sparadosCardId" LIKE 'bench-%' LIMIT 1`;
const month = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 7);

console.log(`\nList pages of 50 (${RUNS} runs each):`);
await time('first page, newest first', () => page({}));
const keyset = await time(`deep page, row ${DEEP_ROW.toLocaleString('en')} (keyset cursor)`, () => page({ after: deepCursor }));
const offset = await time(`deep page, row ${DEEP_ROW.toLocaleString('en')} (OFFSET baseline)`, () =>
  db.$queryRaw`SELECT t.*, c.description, h.email FROM (SELECT * FROM "Transaction" ORDER BY "occurredAt" DESC, id ASC OFFSET ${DEEP_ROW} LIMIT 51) t
    LEFT JOIN "Card" c ON c.id = t."cardId" LEFT JOIN "Cardholder" h ON h.id = c."cardholderId"`,
);
await time('tab Pending (AUTHORIZED)', () => page({ tab: 'pending' }));
await time('tab Declined, deep (keyset)', async () => {
  const first = await page({ tab: 'declined' });
  return page({ tab: 'declined', after: first.next! });
});
await time('one card', () => page({ card: someCard!.id }));
await time('one cardholder', () => page({ holder: someCard!.holder }));
await time('cardholder text "nowak1"', () => page({ who: 'nowak1' }));
await time('merchant starts with "Orlen"', () => page({ merchant: 'Orlen', mm: 'prefix' }));
await time('merchant contains "rare books" (1 row in 10,000)', () => page({ merchant: 'rare books' }));
await time('category Airlines (351 codes)', () => page({ category: 'airlines' }));
await time('amount 1,000.00–1,500.00 PLN', () => page({ min: '1000', max: '1500' }));
await time('currency EUR (paid abroad)', () => page({ currency: 'EUR' }));
await time(`one month (${month})`, () => page({ from: `${month}-01`, to: `${month}-28` }));
await time('type REFUND, tab Settled', () => page({ type: 'REFUND', tab: 'settled' }));

console.log(`\nTotals for the filtered set (${Math.min(RUNS, 7)} runs each):`);
const totals = (params: Record<string, string>) => transactionTotals(filtersOf(parseTransactionParams(params)), ctx);
await time('totals, everything (1 GROUP BY over all rows)', () => totals({}), Math.min(RUNS, 7));
await time(`totals, one month (${month})`, () => totals({ from: `${month}-01`, to: `${month}-28` }), Math.min(RUNS, 7));
await time('totals, one card', () => totals({ card: someCard!.id }), Math.min(RUNS, 7));
await time('totals, merchant starts with "Orlen"', () => totals({ merchant: 'Orlen', mm: 'prefix' }), Math.min(RUNS, 7));

console.log('\nPolling and export:');
// A page drawn now, then ten pending payments settle (the trigger moves their changedAt).
const drawnAt = new Date();
await new Promise((r) => setTimeout(r, 5));
await db.$executeRawUnsafe(`UPDATE "Transaction" SET status = 'CLEARED', "statusRaw" = 'CLEARED' WHERE id IN (SELECT id FROM "Transaction" WHERE status = 'AUTHORIZED' ORDER BY "occurredAt" DESC LIMIT 10)`);
const polled = await newerThan(filtersOf(parseTransactionParams({})), drawnAt, ctx);
if (polled.count !== 10) throw new Error(`"newer than" saw ${polled.count} changed rows, expected 10`);
await time('"newer than" poll (10 rows changed since the page, no filter)', () => newerThan(filtersOf(parseTransactionParams({})), drawnAt, ctx));
await time('"newer than" poll (same, one card)', () => newerThan(filtersOf(parseTransactionParams({ card: someCard!.id })), drawnAt, ctx));
let exported = 0;
const exportStarted = performance.now();
const reader = transactionsCsvStream(filtersOf(parseTransactionParams({ from: `${month}-01`, to: `${month}-28` })), ctx).getReader();
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  exported += value.byteLength;
}
const exportSeconds = (performance.now() - exportStarted) / 1000;
const [{ n }] = await db.$queryRaw<Array<{ n: bigint }>>`SELECT count(*)::bigint AS n FROM "Transaction" WHERE "occurredAt" >= ${`${month}-01`}::timestamp AND "occurredAt" < ${`${month}-28`}::timestamp + interval '1 day'`;
console.log(`CSV export of one month: ~${Number(n).toLocaleString('en')} rows, ${(exported / 1e6).toFixed(1)} MB in ${exportSeconds.toFixed(2)} s (${Math.round(Number(n) / exportSeconds).toLocaleString('en')} rows/s)`);

console.log(`\nDeep page: OFFSET is ${(offset / keyset).toFixed(1)}× slower than the keyset cursor.`);
await db.$disconnect();
if (embedded && !process.env.BENCH_KEEP) {
  // A million rows is a few hundred MB: drop the bench's own database unless asked to keep it.
  const admin = new pg.Client({ connectionString: embedded.url.replace(/\/transactions_bench$/, '/postgres') });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS transactions_bench WITH (FORCE)');
  await admin.end();
}
await embedded?.stop();
process.exit(0);
