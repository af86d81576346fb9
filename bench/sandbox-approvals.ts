// Benchmark: GET /secure/approvals/{id} over keep-alive mTLS against a sandbox holding 10,000 approvals.
// Prints requests/s and latency percentiles. Target (issue 3): ≥ 1,500 requests/s, on a 2-core machine.
//   npm run bench:sandbox            (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_APPROVALS to tune)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { ensureCerts } from '../scripts/certs';
import { loadCorporation } from '../sandbox/fixtures/corporation';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const APPROVALS = Number(process.env.BENCH_APPROVALS ?? 10_000);
const TARGET_RPS = 1_500;

const certs = await ensureCerts('.certs');
const corporation = loadCorporation();

// The sandbox runs in its own process, as `npm run sandbox` would, so client and server do not share an event loop.
const server = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
  env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_STATE_FILE: ':memory:', SANDBOX_CERTS_DIR: certs.dir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const baseUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = out.match(/Sparados sandbox listening on (https:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});

const agent = new Agent({
  connections: CONNECTIONS,
  keepAliveTimeout: 60_000,
  connect: { cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey), ca: readFileSync(certs.sandboxCa) },
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await request(`${baseUrl}${path}`, {
    method,
    dispatcher: agent,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

function approvalBody(i: number) {
  const now = Date.now();
  return {
    balance: { id: corporation.balances[i % corporation.balances.length].cardAliasId },
    user: { email: `bench${i}@example.com`, prefix: '48', phone: String(600_000_000 + i) },
    rules: {
      budgetMinor: 10_000 + i,
      validityPeriod: { startDate: new Date(now).toISOString(), endDate: new Date(now + 90 * 86_400_000).toISOString(), timezone: 'Europe/Warsaw' },
      limits: [{ type: 'general', amountMinor: 50_000, timeUnit: 'monthly' }],
      purpose: { ecommerce: true, allowChangeRequest: true },
    },
    card: { description: `Bench card ${i}`, visual: null },
    tags: ['bench'],
  };
}

async function runWorkers(count: number, work: (worker: number) => Promise<void>) {
  await Promise.all(Array.from({ length: count }, (_, w) => work(w)));
}

try {
  const seedStarted = performance.now();
  const ids: string[] = new Array(APPROVALS);
  let next = 0;
  await runWorkers(CONNECTIONS * 2, async () => {
    while (next < APPROVALS) {
      const i = next++;
      const res = await call('POST', '/secure/approvals', approvalBody(i));
      if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${res.text}`);
      ids[i] = (JSON.parse(res.text) as { id: string }).id;
    }
  });
  console.log(`seeded ${APPROVALS} approvals in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // Warm-up: TLS handshakes for every connection, JIT.
  const warmEnd = performance.now() + 1_000;
  await runWorkers(CONNECTIONS, async () => {
    while (performance.now() < warmEnd) await call('GET', `/secure/approvals/${ids[Math.floor(Math.random() * ids.length)]}`);
  });

  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + SECONDS * 1_000;
  await runWorkers(CONNECTIONS, async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await call('GET', `/secure/approvals/${ids[Math.floor(Math.random() * ids.length)]}`);
      latencies.push(performance.now() - t0);
      if (res.status !== 200) errors++;
    }
  });
  const elapsed = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  const rps = latencies.length / elapsed;
  console.log(`GET /secure/approvals/{id}: ${latencies.length} requests in ${elapsed.toFixed(1)} s over ${CONNECTIONS} keep-alive mTLS connections`);
  console.log(`requests/s: ${rps.toFixed(0)}   p50: ${pct(50)} ms   p99: ${pct(99)} ms   max: ${pct(100)} ms   errors: ${errors}`);
  console.log(rps >= TARGET_RPS ? `target ≥ ${TARGET_RPS} requests/s: met` : `target ≥ ${TARGET_RPS} requests/s: NOT met`);
} finally {
  await agent.close();
  server.kill('SIGTERM');
}
