// `npm run bench:client`: what the Sparados client costs per call. 1,000 sequential getApproval calls
// three ways, in one run against a sandbox in its own process (so it does not share our event loop):
//   client     the panel's client (retry loop, timeout, zod parsing, domain transform, redacting log);
//   keep-alive the same raw undici request on a kept-alive mTLS connection (the floor);
//   fresh TLS  the raw request with a full TLS handshake each time (no session reuse);
//   + parsing  for reference: the raw keep-alive request plus the JSON.parse, zod validation and
//              domain transform the client must do, i.e. the floor for a client that validates.
// The variants run interleaved in rounds after a warm-up of each (see main); the median reported
// is the median of the per-round medians.
// Target (issue 4): the client's median overhead over raw keep-alive ≤ 10 %.
import { spawn } from 'node:child_process';
import { request, Agent, type Dispatcher } from 'undici';
import { parseSparadosEnv } from '../lib/env';
import { createSparadosClient } from '../lib/sparados/client';
import { resolveSparadosConfig } from '../lib/sparados/config';
import { createSparadosAgent } from '../lib/sparados/dispatcher';
import { toApproval } from '../lib/sparados/domain/approval';
import { approvalWireSchema } from '../lib/sparados/schemas/approvals';
import { loadCorporation } from '../sandbox/fixtures/corporation';
import { ensureCerts } from '../scripts/certs';
import { projectRoot } from '../scripts/db/paths';
import { findFreePort } from '../scripts/db/ports';
import { sandboxClientEnv } from '../scripts/lib/sandbox-env';

const CALLS = 1_000;
/** Calls per variant per round: rounds interleave the variants so a shared machine's drift hits all alike. */
const PER_ROUND = 50;
const ROUNDS = CALLS / PER_ROUND;
/** Enough for V8 to optimise both processes' hot paths (client and sandbox) before anything counts. */
const WARMUP = 300;
const TARGET_OVERHEAD = 0.1;

async function startSandboxProcess(port: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_STATE_FILE: ':memory:', SANDBOX_LOG_REQUESTS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Whatever happens to the bench, the sandbox goes with it.
  process.once('exit', () => child.kill('SIGTERM'));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (https:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

interface Series {
  /** Every sample, for p99 and mean. */
  all: number[];
  /** The median of each round: their median is the headline figure, robust to a noisy round. */
  roundMedians: number[];
}

function summary(series: Series) {
  return {
    median: quantile(series.roundMedians, 0.5),
    p99: quantile(series.all, 0.99),
    mean: series.all.reduce((s, v) => s + v, 0) / series.all.length,
  };
}

async function time(fn: () => Promise<unknown>, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Lets closed connections (fresh TLS) finish tearing down before the next variant's clock starts. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function main(): Promise<void> {
  const certs = await ensureCerts();
  const sandbox = await startSandboxProcess(await findFreePort(47_443));
  const resolved = resolveSparadosConfig(
    parseSparadosEnv({ ...sandboxClientEnv({ url: sandbox.url, certs }), LOG_LEVEL: 'info' }),
  );
  const config = resolved.config;
  if (!config) throw new Error(resolved.problems.map((p) => p.message).join('\n'));

  const clientAgent = createSparadosAgent(config);
  const rawAgent = createSparadosAgent(config);
  const parsedAgent = createSparadosAgent(config);
  // No TLS session cache: every connection makes a full handshake, as a client without pooling would.
  const freshAgent = new Agent({ connect: { cert: config.cert.pem, key: config.key.pem, ca: config.ca?.pem, maxCachedSessions: 0 } });
  const client = createSparadosClient({ config, dispatcher: clientAgent });

  try {
    const now = Date.now();
    const approval = await client.createApproval({
      balance: { id: loadCorporation().balances[0].cardAliasId },
      user: { email: 'bench@example.com', prefix: '48', phone: '600100200' },
      rules: {
        budgetMinor: 100_000,
        validityPeriod: { startDate: new Date(now - 3_600_000).toISOString(), endDate: new Date(now + 30 * 86_400_000).toISOString(), timezone: 'Europe/Warsaw' },
        limits: [{ type: 'atm', amountMinor: 0, timeUnit: 'daily' }, { type: 'general', amountMinor: 50_000, timeUnit: 'monthly' }],
        purpose: { ecommerce: true, allowChangeRequest: true },
      },
      card: { description: 'Bench', visual: null },
      tags: ['bench'],
    });
    const url = `${config.baseUrls.cards}/approvals/${approval.id}`;
    const raw = (dispatcher: Dispatcher, reset = false) => async () => {
      const response = await request(url, { dispatcher, headers: { accept: 'application/json' }, reset });
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
      return response.body.text();
    };
    const variants = {
      client: () => client.getApproval(approval.id),
      keepAlive: raw(rawAgent),
      freshTls: raw(freshAgent, true),
      parsed: async () => toApproval(approvalWireSchema.parse(JSON.parse(await raw(parsedAgent)()))),
    };
    type Name = keyof typeof variants;
    const names = Object.keys(variants) as Name[];
    const series = Object.fromEntries(names.map((name) => [name, { all: [], roundMedians: [] }])) as unknown as Record<Name, Series>;

    for (let i = 0; i < WARMUP; i += PER_ROUND) {
      for (const name of names) await time(variants[name], PER_ROUND);
    }
    await settle();
    // A/B/C, B/C/A, C/A/B, …: each variant runs first, second and third equally often.
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length];
        const samples = await time(variants[name], PER_ROUND);
        series[name].all.push(...samples);
        series[name].roundMedians.push(quantile(samples, 0.5));
        await settle();
      }
    }

    const c = summary(series.client);
    const k = summary(series.keepAlive);
    const f = summary(series.freshTls);
    const p = summary(series.parsed);
    const ms = (v: number) => `${v.toFixed(3)} ms`.padStart(10);
    console.log(`\n${CALLS} sequential getApproval calls per variant, interleaved in ${ROUNDS} rounds of ${PER_ROUND}, against the sandbox (${sandbox.url})`);
    console.log('median = median of the per-round medians; p99 and mean over all calls\n');
    console.log(`${''.padEnd(34)}${'median'.padStart(10)}${'p99'.padStart(10)}${'mean'.padStart(10)}`);
    console.log(`${'client (getApproval)'.padEnd(34)}${ms(c.median)}${ms(c.p99)}${ms(c.mean)}`);
    console.log(`${'raw undici, kept-alive connection'.padEnd(34)}${ms(k.median)}${ms(k.p99)}${ms(k.mean)}`);
    console.log(`${'raw undici, fresh TLS handshake'.padEnd(34)}${ms(f.median)}${ms(f.p99)}${ms(f.mean)}`);
    console.log(`${'raw keep-alive + JSON, zod, domain'.padEnd(34)}${ms(p.median)}${ms(p.p99)}${ms(p.mean)}`);
    const overhead = (c.median - k.median) / k.median;
    console.log(
      `\nClient overhead over raw keep-alive (median): ${(overhead * 100).toFixed(1)} % ` +
        `(${((c.median - k.median) * 1000).toFixed(0)} µs per call) — target ≤ ${TARGET_OVERHEAD * 100} %: ${overhead <= TARGET_OVERHEAD ? 'met' : 'NOT met'}`,
    );
    console.log(
      `Of the overhead, parsing and validating the answer (floor for any validating client): ${((p.median - k.median) * 1000).toFixed(0)} µs ` +
        `(${(((p.median - k.median) / k.median) * 100).toFixed(1)} %); the client's own cost beyond that: ${((c.median - p.median) * 1000).toFixed(0)} µs`,
    );
    console.log(`Keep-alive vs fresh TLS handshake (median): ${(f.median / k.median).toFixed(1)}× faster`);
  } finally {
    await Promise.all([clientAgent.close(), rawAgent.close(), parsedAgent.close(), freshAgent.close()]);
    sandbox.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
