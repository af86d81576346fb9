import { loadCorporation } from '../../sandbox/fixtures/corporation';
import type { CertPaths } from '../certs';

// The variables that point the panel's Sparados client at a running sandbox over mTLS with the
// development certificates: one list for dev, the test services, the contract runner and the bench.

export const SANDBOX_CLIENT_VARIABLES = [
  'SANDBOX_URL',
  'SPARADOS_ENV',
  'SPARADOS_CARDS_URL',
  'SPARADOS_THC_URL',
  'SPARADOS_FULL_URL',
  'SPARADOS_CERT_FILE',
  'SPARADOS_KEY_FILE',
  'SPARADOS_CA_FILE',
  'SPARADOS_CORPORATION_ID',
] as const;

export type SandboxClientEnv = Record<(typeof SANDBOX_CLIENT_VARIABLES)[number], string>;

export interface SandboxClientEnvOptions {
  /** The sandbox's https base URL (Cards API under /secure, THC under /thc, Full API at the root). */
  url: string;
  certs: Pick<CertPaths, 'clientCert' | 'clientKey' | 'sandboxCa'>;
  /** Defaults to the sandbox fixture's corporation, the OU of the development client certificate. */
  corporationId?: string;
}

/**
 * `preset`: variables already set (e.g. the developer's shell) win over these defaults, except
 * SPARADOS_ENV and SANDBOX_URL, which always name the sandbox being pointed at.
 */
export function sandboxClientEnv(options: SandboxClientEnvOptions, preset: Partial<Record<string, string | undefined>> = {}): SandboxClientEnv {
  const { url, certs } = options;
  const pick = (name: string, fallback: string) => preset[name] || fallback;
  return {
    SANDBOX_URL: url,
    SPARADOS_ENV: 'sandbox',
    SPARADOS_CARDS_URL: pick('SPARADOS_CARDS_URL', `${url}/secure`),
    SPARADOS_THC_URL: pick('SPARADOS_THC_URL', `${url}/thc`),
    SPARADOS_FULL_URL: pick('SPARADOS_FULL_URL', url),
    SPARADOS_CERT_FILE: pick('SPARADOS_CERT_FILE', certs.clientCert),
    SPARADOS_KEY_FILE: pick('SPARADOS_KEY_FILE', certs.clientKey),
    SPARADOS_CA_FILE: pick('SPARADOS_CA_FILE', certs.sandboxCa),
    SPARADOS_CORPORATION_ID: pick('SPARADOS_CORPORATION_ID', options.corporationId ?? loadCorporation().corporationId),
  };
}
