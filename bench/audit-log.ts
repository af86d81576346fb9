// Benchmark: the audit log at a million entries. Seeds synthetic entries into a database of its own
// (SQL generate_series: seconds, not minutes), then times what the /audit page and the CSV export do:
// the first page, a page deep in the log reached by keyset cursor, each filter, the filter choices,
// and the export's throughput.
//   npx tsx --conditions=react-server bench/audit-log.ts
//   (BENCH_EVENTS, BENCH_RUNS to tune; DATABASE_URL to use another database)
import { randomBytes } from 'node:crypto';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../scripts/db/embedded';
import { applyMigrations } from '../scripts/db/migrations';
import { timeMedian } from './lib/timing';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  embedded = await startEmbeddedDatabase({ cluster: 'dev', database: 'audit_bench', fresh: true });
  process.env.DATABASE_URL = embedded.url;
}
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('hex');
await applyMigrations(process.env.DATABASE_URL!);

// Imported after the environment is set: lib/env reads it on first use.
const { db } = await import('../lib/db');
const { parseAuditParams, filtersOf, encodeAuditCursor } = await import('../lib/audit/filters');
const { auditFilterOptions, listAuditEvents, prepareAuditFilters } = await import('../lib/audit/queries');
const { auditCsvStream } = await import('../lib/audit/export');

const existing = await db.auditEvent.count();
if (existing < EVENTS) {
  const started = performance.now();
  // 40 people, 25 actions, 20,000 cards with 2 approvals each; one entry a minute going back in time;
  // a tenth by the panel itself. Cards and approvals are only ids here: the card filter resolves a
  // real card below.
  await db.$executeRawUnsafe(`
    INSERT INTO "AuditEvent" (id, at, "actorId", "actorEmail", "actorName", action, "targetType", "targetId", ip, summary, before, after)
    SELECT gen_random_uuid(),
           now() - (g * interval '1 minute'),
           CASE WHEN g % 10 = 0 THEN NULL ELSE ('00000000-0000-4000-8000-' || lpad((g % 40)::text, 12, '0'))::uuid END,
           CASE WHEN g % 10 = 0 THEN NULL ELSE 'person' || (g % 40) || '@bench.test' END,
           CASE WHEN g % 10 = 0 THEN NULL ELSE 'Person ' || (g % 40) END,
           'bench.action_' || (g % 25),
           CASE WHEN g % 3 = 0 THEN 'approval' ELSE 'card' END,
           CASE WHEN g % 3 = 0 THEN 'apr-' || (g % 40000) ELSE ('00000000-0000-4000-9000-' || lpad((g % 20000)::text, 12, '0')) END,
           '203.0.113.' || (g % 250),
           'Person ' || (g % 40) || ' did thing ' || g || ' to a card.',
           jsonb_build_object('budgetMinor', (g % 1000) * 100),
           jsonb_build_object('budgetMinor', (g % 1000) * 100 + 5000, 'currency', 'PLN')
    FROM generate_series(${existing + 1}, ${EVENTS}) AS g`);
  await db.$executeRawUnsafe('ANALYZE "AuditEvent"');
  console.log(`Seeded ${(EVENTS - existing).toLocaleString('en')} audit entries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// One real card with two approvals and a few entries, for the card filter's lookup path.
const tag = randomBytes(4).toString('hex');
const holder = await db.cardholder.create({ data: { email: `bench-${tag}@bench.test`, phonePrefix: '48', phoneNumber: tag } });
const card = await db.card.create({ data: { cardholderId: holder.id, description: `bench ${tag}`, searchText: `bench ${tag}` } });
for (const i of [0, 1]) {
  await db.approval.create({
    data: { sparadosId: `apr-${tag}-${i}`, cardId: card.id, status: 'DELIVERED', statusRaw: 'DELIVERED', balanceAliasId: 'bench', budgetMinor: 1n, availableMinor: 1n, startDate: new Date(), endDate: new Date(), timezone: 'UTC', rules: {} },
  });
}

const time = (label: string, fn: () => Promise<unknown>) => timeMedian(label, fn, RUNS);

async function page(params: Record<string, string>) {
  const { query } = parseAuditParams(params);
  const prepared = await prepareAuditFilters(filtersOf(query), 'Europe/Warsaw');
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  return listAuditEvents(query, prepared.where, { role: 'ADMIN' });
}

const [deep] = await db.$queryRaw<Array<{ id: string; at: Date }>>`SELECT id, at FROM "AuditEvent" ORDER BY at DESC, id DESC OFFSET ${Math.floor(EVENTS * 0.9)} LIMIT 1`;
const deepCursor = encodeAuditCursor(deep!.at, deep!.id);
const person = '00000000-0000-4000-8000-000000000007';

console.log(`\nAudit log pages of 50 over ${EVENTS.toLocaleString('en')} entries (${RUNS} runs each):`);
await time('first page, no filter', () => page({}));
await time('page 90% deep (keyset cursor)', () => page({ after: deepCursor }));
await time('one person', () => page({ actor: person }));
await time('one person, 90% deep', () => page({ actor: person, after: deepCursor }));
await time('the panel itself (no person)', () => page({ actor: 'system' }));
await time('one action', () => page({ action: 'bench.action_3' }));
await time('an action nobody did', () => page({ action: 'bench.never' }));
await time('one card by id (card + its approvals)', () => page({ card: card.id }));
await time('one card by text', () => page({ card: `bench ${tag}` }));
await time('one day (Europe/Warsaw)', () => page({ from: '2026-01-15', to: '2026-01-15' }));
await time('person + action + a month', () => page({ actor: person, action: 'bench.action_7', from: '2025-06-01', to: '2025-06-30' }));
await time('filter choices (distinct actions and people)', () => auditFilterOptions({ action: null, actor: null }));

const exportRows = Math.min(EVENTS, 200_000);
const started = performance.now();
let bytes = 0;
const prepared = await prepareAuditFilters(filtersOf(parseAuditParams({}).query), 'UTC');
if (!prepared.ok) throw new Error('filters');
const reader = auditCsvStream(prepared.where, 'UTC').getReader();
let lines = 0;
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  for (const b of value) if (b === 10) lines += 1;
  if (lines > exportRows) {
    await reader.cancel();
    break;
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`\nCSV export: ${lines.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round(lines / seconds).toLocaleString('en')} lines/s); memory rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

await db.$disconnect();
await embedded?.stop();
