// `npm run bench:ingest -- --events N` (default 5,000): the webhook pipeline under load (issue 7 item 6).
//  1. a sandbox in this process (webhooks off) gets N transactions (some then cleared or reversed);
//  2. N transaction events plus 20 % duplicates, shuffled, are pushed to the webhook listener (its own
//     process, as in `npm run dev`) over mTLS with the Verestro client certificate, 32 at a time;
//     prints accepted events/s and the p99 reply time;
//  3. the worker's processing (drainInbox: THC read + upsert) empties the inbox; prints transactions/s;
//  4. the mirror is compared with the sandbox's THC list: count, and every id, type, status and amount.
// Targets: ≥ 1,000 accepted events/s, ≥ 300 processed transactions/s. Exits 1 when the check fails.
// Uses a fresh database "ingest_bench" on the embedded server unless DATABASE_URL is set.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadCorporation } from '../sandbox/fixtures/corporation';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../scripts/db/embedded';
import { applyMigrations } from '../scripts/db/migrations';
import { projectRoot } from '../scripts/db/paths';

const { values: args } = parseArgs({ options: { events: { type: 'string' }, concurrency: { type: 'string' } } });
const N = Number(args.events ?? 5_000);
const CONCURRENCY = Number(args.concurrency ?? 32);
const DUPLICATES = 0.2;
const CARDS = Math.max(1, Math.ceil(N / 250));
const TARGET_ACCEPTED = 1_000;
const TARGET_PROCESSED = 300;

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  embedded = await startEmbeddedDatabase({ cluster: 'dev', database: 'ingest_bench', fresh: true });
  process.env.DATABASE_URL = embedded.url;
}
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('hex');
process.env.SPARADOS_ENV = 'sandbox';
process.env.SPARADOS_CORPORATION_ID ??= loadCorporation().corporationId;
process.env.LOG_LEVEL ??= 'warn';
await applyMigrations(process.env.DATABASE_URL!);

// After the environment is set: lib/env reads it on first use.
const { db } = await import('../lib/db');
const { startOwnSandbox, webhookCaller } = await import('../lib/webhooks/test-helpers');
const { drainInbox } = await import('../lib/webhooks/process-inbox');

const say = (line: string) => console.log(line);
const loadAverage = () => loadavg()[0]!.toFixed(1);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

function startListenerProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/webhooks.ts'], {
    cwd: projectRoot,
    env: { ...process.env, WEBHOOK_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Webhook listener on (https:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`listener exited with ${code}: ${out}`)));
  });
}

const sandbox = await startOwnSandbox(null);
const listener = await startListenerProcess();
let failed = false;
try {
  // ---- 1. transactions in the sandbox ----
  let started = performance.now();
  const cards: string[] = [];
  for (let i = 0; i < CARDS; i++) cards.push((await sandbox.newCard()).cardId);
  const created: Array<{ id: string; type: string }> = [];
  await inParallel(Array.from({ length: N }, (_, i) => i), 8, async (i) => {
    const t = await sandbox.authorize(cards[i % cards.length]!, 100 + (i % 900), { merchantName: `Merchant ${i % 37}`, mcc: ['5411', '5812', '4111', '5994'][i % 4] });
    created.push({ id: t.id, type: t.type });
    // Some settle, some are reversed, so the mirror has to get statuses right, not just rows.
    if (t.status === 'AUTHORIZED' && i % 5 === 0) await sandbox.control.call('POST', `/transactions/${t.id}/clear`);
    else if (t.status === 'AUTHORIZED' && i % 11 === 0) await sandbox.control.call('POST', `/transactions/${t.id}/reverse`);
  });
  say(`sandbox: ${N} transactions on ${CARDS} cards in ${Math.round(performance.now() - started)} ms (machine load average ${loadAverage()} on ${availableParallelism()} cores)`);

  // ---- 2. push the events ----
  // Each transaction's event as Sparados would send it for its current state.
  const events: Array<{ transactionId: string; type: string; timestamp: string }> = [];
  await inParallel(created, 16, async ({ id, type }) => {
    const t = await sandbox.client.getTransaction(id, type);
    events.push({ transactionId: id, type, timestamp: (t.updatedAt ?? t.createdAt).toISOString() });
  });
  const pushes = [...events];
  for (let i = 0; i < Math.round(N * DUPLICATES); i++) pushes.push(events[Math.floor(Math.random() * events.length)]!);
  for (let i = pushes.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pushes[i], pushes[j]] = [pushes[j]!, pushes[i]!];
  }
  const caller = webhookCaller(listener.url, 'verestro', CONCURRENCY);
  // One call at a time first: the reply time without queueing (these rows are removed before the run).
  const single: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await caller.post('/transaction-event', { transactionId: `warm-up-${i}`, type: 'PURCHASE', timestamp: new Date(0).toISOString() });
    single.push(performance.now() - t0);
  }
  say(`listener, one call at a time: reply p50 ${quantile(single, 0.5).toFixed(1)} ms, p99 ${quantile(single, 0.99).toFixed(1)} ms`);
  // Open all the connections first, as Sparados's kept-alive pool would have them: the timed run
  // measures replies, not 32 TLS handshakes queued on the listener's one thread.
  await inParallel(Array.from({ length: CONCURRENCY * 4 }, (_, i) => i), CONCURRENCY, async (i) => {
    await caller.post('/transaction-event', { transactionId: `warm-up-pool-${i}`, type: 'PURCHASE', timestamp: new Date(0).toISOString() });
  });
  await db.webhookInbox.deleteMany({});
  const replyMs: number[] = [];
  let accepted = 0;
  started = performance.now();
  await inParallel(pushes, CONCURRENCY, async (event) => {
    const t0 = performance.now();
    const response = await caller.post('/transaction-event', event);
    replyMs.push(performance.now() - t0);
    if (response.status >= 200 && response.status < 300) accepted++;
  });
  const pushMs = performance.now() - started;
  await caller.close();
  const stored = await db.webhookInbox.count();
  say(`listener: ${accepted}/${pushes.length} calls accepted in ${Math.round(pushMs)} ms → ${rate(accepted, pushMs)} events/s accepted; reply p50 ${quantile(replyMs, 0.5).toFixed(1)} ms, p99 ${quantile(replyMs, 0.99).toFixed(1)} ms, max ${Math.max(...replyMs).toFixed(1)} ms; ${stored} distinct events stored (${pushes.length - stored} duplicates dropped; load average now ${loadAverage()})`);

  // ---- 3. processing ----
  started = performance.now();
  let processed = 0;
  for (;;) {
    const report = await drainInbox({ client: sandbox.client, batchSize: 500, concurrency: 32, maxMs: 600_000 });
    processed += report.done;
    if (report.claimed === 0) break;
  }
  const processMs = performance.now() - started;
  const mirrored = await db.transaction.count();
  say(`worker: ${processed} events → ${mirrored} transactions in ${Math.round(processMs)} ms → ${rate(mirrored, processMs)} transactions/s`);

  // ---- 4. the mirror equals THC ----
  const upstream = new Map<string, { status: string; amountMinor: number }>();
  for (let page = 0; ; page++) {
    const result = await sandbox.client.listTransactions({ page, size: 1000 });
    for (const t of result.items) upstream.set(`${t.id}:${t.rawType}`, { status: t.rawStatus, amountMinor: t.amountMinor });
    if (page + 1 >= result.totalPages) break;
  }
  const local = await db.transaction.findMany({ select: { sparadosId: true, type: true, status: true, amountMinor: true } });
  const mismatches: string[] = [];
  if (local.length !== upstream.size) mismatches.push(`count: mirror ${local.length}, THC ${upstream.size}`);
  for (const row of local) {
    const key = `${row.sparadosId}:${row.type}`;
    const theirs = upstream.get(key);
    if (!theirs) mismatches.push(`${key} is not in THC`);
    else if (theirs.status !== row.status || BigInt(theirs.amountMinor) !== row.amountMinor) {
      mismatches.push(`${key}: mirror ${row.status} ${row.amountMinor}, THC ${theirs.status} ${theirs.amountMinor}`);
    }
  }
  const unprocessed = await db.webhookInbox.count({ where: { processedAt: null } });
  if (unprocessed) mismatches.push(`${unprocessed} inbox rows left unprocessed`);
  if (mismatches.length) {
    failed = true;
    say(`check: FAILED, ${mismatches.length} differences:\n  ${mismatches.slice(0, 20).join('\n  ')}`);
  } else {
    say(`check: the mirror equals THC (${upstream.size} transactions, every id, type, status and amount)`);
  }
  const acceptedRate = rate(accepted, pushMs);
  const p99 = quantile(replyMs, 0.99);
  const processedRate = rate(mirrored, processMs);
  say(
    `targets: accepted ${acceptedRate}/s ${acceptedRate >= TARGET_ACCEPTED ? '≥' : '<'} ${TARGET_ACCEPTED} ${acceptedRate >= TARGET_ACCEPTED ? 'ok' : 'MISSED'}; ` +
      `processed ${processedRate}/s ${processedRate >= TARGET_PROCESSED ? '≥' : '<'} ${TARGET_PROCESSED} ${processedRate >= TARGET_PROCESSED ? 'ok' : 'MISSED'}; ` +
      `reply p99 ${p99.toFixed(1)} ms ${p99 < 50 ? '< 50 ok' : '≥ 50 MISSED (see the load average)'}`,
  );
} finally {
  listener.child.kill('SIGTERM');
  await sandbox.close();
  await db.$disconnect();
  // The bench's database is throwaway (fresh at every run).
  await embedded?.dropAndStop();
}
process.exit(failed ? 1 : 0);
