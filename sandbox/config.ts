// The sandbox is a separate program from the panel: this is the only module of it that reads process.env.

export interface SandboxConfig {
  port: number;
  host: string;
  stateFile: string;
  certsDir: string;
  retryScale: number;
  webhookUrls: { transactions?: string; threeDs?: string; wallet?: string };
  webhookCaFile?: string;
  webhookTimeoutMs: number;
  reapprovalExpiryMs: number;
  logRequests: boolean;
  /** What a create answers: the approval's fields beside approvalId (default), or `{ approvalId }` only (seed 001's minimum). */
  createReply: 'full' | 'id-only';
  /** The corporation's contract: `simple` refuses the Full API (403). */
  contract: 'full' | 'simple';
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T, env: NodeJS.ProcessEnv): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`${name} must be ${allowed.join(' or ')}, got "${raw}"`);
  return raw as T;
}

function number(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function url(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const parsed = new URL(raw); // throws on garbage: better at start than at the first event
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${name} must be an http or https URL`);
  return raw;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  return {
    port: number('SANDBOX_PORT', 4443, env),
    host: env.SANDBOX_HOST || '127.0.0.1',
    stateFile: env.SANDBOX_STATE_FILE || '.data/sandbox-state.json',
    certsDir: env.SANDBOX_CERTS_DIR || '.certs',
    retryScale: number('SANDBOX_RETRY_SCALE', 1, env),
    webhookUrls: {
      transactions: url('SANDBOX_WEBHOOK_TRANSACTIONS_URL', env),
      threeDs: url('SANDBOX_WEBHOOK_3DS_URL', env),
      wallet: url('SANDBOX_WEBHOOK_WALLET_URL', env),
    },
    webhookCaFile: env.SANDBOX_WEBHOOK_CA || undefined,
    webhookTimeoutMs: number('SANDBOX_WEBHOOK_TIMEOUT_MS', 10_000, env),
    reapprovalExpiryMs: number('SANDBOX_REAPPROVAL_EXPIRY_HOURS', 72, env) * 3_600_000,
    logRequests: env.SANDBOX_LOG_REQUESTS === '1' || env.SANDBOX_LOG_REQUESTS === 'true',
    createReply: oneOf('SANDBOX_CREATE_REPLY', ['full', 'id-only'] as const, 'full', env),
    contract: oneOf('SANDBOX_CONTRACT', ['full', 'simple'] as const, 'full', env),
  };
}
