import 'server-only';
import { createHash } from 'node:crypto';
import { Agent } from 'undici';
import type { SparadosConfig } from './config';

// One undici Agent per process: TLS handshakes with a client certificate cost ~5 ms, a kept-alive
// request ~0.7 ms (STACK-NOTES). Kept on globalThis so Next's dev reloads reuse it, keyed by the
// certificate material so a changed configuration (tests, cert:check) gets its own pool.

const KEEP_ALIVE_MS = 30_000;

const globalForAgent = globalThis as unknown as { sparadosAgents?: Map<string, Agent> };

function fingerprint(config: Pick<SparadosConfig, 'cert' | 'key' | 'ca'>): string {
  return createHash('sha256')
    .update(config.cert.pem)
    .update('\0')
    .update(config.key.pem)
    .update('\0')
    .update(config.ca?.pem ?? '')
    .digest('hex');
}

export function createSparadosAgent(config: Pick<SparadosConfig, 'cert' | 'key' | 'ca'>): Agent {
  return new Agent({
    connect: {
      cert: config.cert.pem,
      key: config.key.pem,
      // Without a CA the system trust store applies (BETA/PROD have public server certificates).
      ...(config.ca ? { ca: config.ca.pem } : {}),
    },
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: 10 * KEEP_ALIVE_MS,
  });
}

export function getSparadosAgent(config: Pick<SparadosConfig, 'cert' | 'key' | 'ca'>): Agent {
  const agents = (globalForAgent.sparadosAgents ??= new Map());
  const key = fingerprint(config);
  let agent = agents.get(key);
  if (!agent) {
    agent = createSparadosAgent(config);
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pooled connection (scripts and tests call it so the process can exit). */
export async function closeSparadosAgents(): Promise<void> {
  const agents = globalForAgent.sparadosAgents;
  if (!agents) return;
  globalForAgent.sparadosAgents = new Map();
  await Promise.all([...agents.values()].map((agent) => agent.close()));
}
