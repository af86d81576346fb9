import 'server-only';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getSparadosEnv, type SparadosEnv } from '@/lib/env';
import { checkClientCertificate, type CertificateCheckResult, type ConfigProblem } from './certificate-checks';

// Turns the parsed environment into a usable connection: base URLs per environment (API-REFERENCE §1),
// PEM material from files or base64 variables, and every problem with it as its own message.

export type SparadosEnvironment = SparadosEnv['SPARADOS_ENV'];

export interface BaseUrls {
  cards: string;
  thc: string;
  full: string;
}

export const PUBLISHED_BASE_URLS = {
  beta: {
    cards: 'https://sparadosv2-bc-api.secure-verestro.dev/secure',
    thc: 'https://services.upaidtest.pl/thc',
    full: 'https://sp-api.secure-verestro.dev',
  },
  prod: {
    cards: 'https://sparadosv2-bc-api.secure-verestro.com/secure',
    thc: 'https://services.upaid.pl/thc',
    full: 'https://sp-api.secure-verestro.com',
  },
} as const satisfies Record<Exclude<SparadosEnvironment, 'sandbox'>, BaseUrls>;

export function defaultBaseUrls(environment: SparadosEnvironment, sandboxPort: number): BaseUrls {
  if (environment !== 'sandbox') return PUBLISHED_BASE_URLS[environment];
  const origin = `https://127.0.0.1:${sandboxPort}`;
  return { cards: `${origin}/secure`, thc: `${origin}/thc`, full: origin };
}

/** What `npm run certs` writes; used in the sandbox environment when no file is configured. */
export const SANDBOX_DEFAULT_FILES = {
  cert: '.certs/client.pem',
  key: '.certs/client-key.pem',
  ca: '.certs/sandbox-ca.pem',
} as const;

export interface PemMaterial {
  pem: string;
  /** Where it came from, for messages: a file path or a variable name. */
  origin: string;
}

export interface SparadosConfig {
  environment: SparadosEnvironment;
  baseUrls: BaseUrls;
  cert: PemMaterial;
  key: PemMaterial;
  /** null = the system trust store (BETA/PROD servers have public certificates). */
  ca: PemMaterial | null;
  corporationId: string | null;
  balanceId: string | null;
  cardAliasId: string | null;
  timeoutMs: number;
  logLevel: SparadosEnv['LOG_LEVEL'];
}

export interface ResolvedConfig {
  environment: SparadosEnvironment;
  baseUrls: BaseUrls;
  /** null while any error below stands. */
  config: SparadosConfig | null;
  certificate: CertificateCheckResult | null;
  problems: ConfigProblem[];
}

type FileReader = (path: string) => string | null;

const readIfExists: FileReader = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null);

function loadPem(
  what: 'CERT' | 'KEY' | 'CA',
  env: SparadosEnv,
  defaultFile: string | null,
  readFile: FileReader,
  problems: ConfigProblem[],
): PemMaterial | null {
  const fileVar = `SPARADOS_${what}_FILE` as const;
  const base64Var = `SPARADOS_${what}_BASE64` as const;
  const file = env[fileVar];
  const base64 = env[base64Var];
  if (file && base64) {
    problems.push({ severity: 'error', message: `${fileVar} and ${base64Var} are both set: keep one` });
    return null;
  }
  if (base64) {
    const pem = Buffer.from(base64, 'base64').toString('utf8');
    if (!pem.includes('-----BEGIN ')) {
      problems.push({ severity: 'error', message: `${base64Var} does not decode to a PEM file` });
      return null;
    }
    return { pem, origin: base64Var };
  }
  const path = file ?? defaultFile;
  if (!path) return null;
  const absolute = resolve(path);
  const pem = readFile(absolute);
  if (pem === null) {
    const hint = file ? fileVar : `${fileVar} is not set and the sandbox default`;
    problems.push({ severity: 'error', message: `${hint} ${absolute}: file not found${file ? '' : ' (run npm run certs)'}` });
    return null;
  }
  return { pem, origin: absolute };
}

/** Pure apart from `readFile`; tests pass their own environment and a temp folder. */
export function resolveSparadosConfig(env: SparadosEnv, options: { readFile?: FileReader; now?: Date } = {}): ResolvedConfig {
  const readFile = options.readFile ?? readIfExists;
  const problems: ConfigProblem[] = [];
  const environment = env.SPARADOS_ENV;
  const sandbox = environment === 'sandbox';
  const defaults = defaultBaseUrls(environment, env.SANDBOX_PORT);
  const baseUrls: BaseUrls = {
    cards: env.SPARADOS_CARDS_URL ?? defaults.cards,
    thc: env.SPARADOS_THC_URL ?? defaults.thc,
    full: env.SPARADOS_FULL_URL ?? defaults.full,
  };
  for (const [name, url] of Object.entries(baseUrls)) {
    if (!url.startsWith('https://')) problems.push({ severity: 'error', message: `the ${name} base URL ${url} is not https:// (Sparados needs mutual TLS)` });
  }

  const cert = loadPem('CERT', env, sandbox ? SANDBOX_DEFAULT_FILES.cert : null, readFile, problems);
  const key = loadPem('KEY', env, sandbox ? SANDBOX_DEFAULT_FILES.key : null, readFile, problems);
  const ca = loadPem('CA', env, sandbox ? SANDBOX_DEFAULT_FILES.ca : null, readFile, problems);
  if (!sandbox) {
    if (!cert && !env.SPARADOS_CERT_FILE && !env.SPARADOS_CERT_BASE64) {
      problems.push({ severity: 'error', message: `SPARADOS_CERT_FILE or SPARADOS_CERT_BASE64 is required for ${environment}: the certificate Sparados signed` });
    }
    if (!key && !env.SPARADOS_KEY_FILE && !env.SPARADOS_KEY_BASE64) {
      problems.push({ severity: 'error', message: `SPARADOS_KEY_FILE or SPARADOS_KEY_BASE64 is required for ${environment}: the private key of your CSR` });
    }
    if (!env.SPARADOS_CORPORATION_ID) {
      problems.push({ severity: 'error', message: `SPARADOS_CORPORATION_ID is required for ${environment}: the corporation id Sparados sent (the OU of your certificate)` });
    }
  }

  let certificate: CertificateCheckResult | null = null;
  if (cert && key) {
    certificate = checkClientCertificate({
      certificatePem: cert.pem,
      keyPem: key.pem,
      caPem: ca?.pem,
      corporationId: env.SPARADOS_CORPORATION_ID ?? null,
      now: options.now,
    });
    problems.push(...certificate.problems);
  }

  const usable = cert && key && !problems.some((p) => p.severity === 'error');
  const config: SparadosConfig | null = usable
    ? {
        environment,
        baseUrls,
        cert,
        key,
        ca,
        // In the sandbox the certificate's OU is the corporation; elsewhere it must be configured.
        corporationId: env.SPARADOS_CORPORATION_ID ?? certificate?.certificate?.subject.organizationalUnit ?? null,
        balanceId: env.SPARADOS_BALANCE_ID ?? null,
        cardAliasId: env.SPARADOS_CARD_ALIAS_ID ?? null,
        timeoutMs: env.SPARADOS_TIMEOUT_MS,
        logLevel: env.LOG_LEVEL,
      }
    : null;
  return { environment, baseUrls, config, certificate, problems };
}

export class SparadosConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`Sparados connection is not configured correctly:\n${errors.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'SparadosConfigError';
  }
}

let cached: ResolvedConfig | undefined;

/** Resolved and checked once per process; throws with every error at once. */
export function getSparadosConfig(): SparadosConfig {
  cached ??= resolveSparadosConfig(getSparadosEnv());
  if (!cached.config) throw new SparadosConfigError(cached.problems);
  return cached.config;
}

export function getResolvedSparadosConfig(): ResolvedConfig {
  cached ??= resolveSparadosConfig(getSparadosEnv());
  return cached;
}
