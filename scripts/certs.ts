// Dev PKI for the sandbox (SANDBOX.md, "Certificates"): `npm run certs`, also called by `dev` and `test`.
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  certificateToPem,
  createSelfSignedCa,
  exportPrivateKeyPem,
  generateRsaKeyPair,
  isSignedBy,
  issueCertificate,
  parseCertificate,
  type CertificateAuthority,
} from '../lib/pki/index';
import { loadCorporation } from '../sandbox/fixtures/corporation';

export interface CertPaths {
  dir: string;
  sandboxCa: string;
  sandboxServerCert: string;
  sandboxServerKey: string;
  clientCert: string;
  clientKey: string;
  verestroCa: string;
  webhookClientCert: string;
  webhookClientKey: string;
}

export function certPaths(dir = '.certs'): CertPaths {
  const d = resolve(dir);
  return {
    dir: d,
    sandboxCa: join(d, 'sandbox-ca.pem'),
    sandboxServerCert: join(d, 'sandbox-server.pem'),
    sandboxServerKey: join(d, 'sandbox-server-key.pem'),
    clientCert: join(d, 'client.pem'),
    clientKey: join(d, 'client-key.pem'),
    verestroCa: join(d, 'verestro-ca.pem'),
    webhookClientCert: join(d, 'webhook-client.pem'),
    webhookClientKey: join(d, 'webhook-client-key.pem'),
  };
}

const FILE_KEYS = [
  'sandboxCa',
  'sandboxServerCert',
  'sandboxServerKey',
  'clientCert',
  'clientKey',
  'verestroCa',
  'webhookClientCert',
  'webhookClientKey',
] as const satisfies ReadonlyArray<keyof CertPaths>;

/** Subject of the panel's client certificate, as Sparados would sign it for a corporation. */
export function clientSubject(corporationId: string) {
  return {
    commonName: 'V-Sparados',
    organization: 'Demo Company',
    organizationalUnit: corporationId,
    locality: 'Warsaw',
    state: 'Mazowieckie',
    country: 'PL',
    emailAddress: 'it@demo-company.example',
  };
}

const RENEW_BEFORE_MS = 7 * 86_400_000;

/** The set on disk is usable: every file present, chains intact, OU current, not about to expire. */
async function isCurrent(paths: CertPaths, corporationId: string): Promise<boolean> {
  if (!FILE_KEYS.every((k) => existsSync(paths[k]))) return false;
  try {
    const read = (k: (typeof FILE_KEYS)[number]) => readFile(paths[k], 'utf8');
    const [sandboxCa, server, client, verestroCa, webhook] = await Promise.all([
      read('sandboxCa'),
      read('sandboxServerCert'),
      read('clientCert'),
      read('verestroCa'),
      read('webhookClientCert'),
    ]);
    if (parseCertificate(client).subject.organizationalUnit !== corporationId) return false;
    const soon = Date.now() + RENEW_BEFORE_MS;
    for (const pem of [sandboxCa, server, client, verestroCa, webhook]) {
      if (parseCertificate(pem).notAfter.getTime() < soon) return false;
    }
    const chains = await Promise.all([isSignedBy(server, sandboxCa), isSignedBy(client, sandboxCa), isSignedBy(webhook, verestroCa)]);
    return chains.every(Boolean);
  } catch {
    return false;
  }
}

async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, path);
}

async function issueWithKey(issuer: CertificateAuthority, options: Omit<Parameters<typeof issueCertificate>[0], 'publicKey' | 'issuer'>) {
  const keys = await generateRsaKeyPair(2048);
  const cert = await issueCertificate({ ...options, publicKey: keys.publicKey, issuer });
  return { cert: certificateToPem(cert), key: await exportPrivateKeyPem(keys.privateKey) };
}

async function generate(paths: CertPaths, corporationId: string): Promise<void> {
  const [sandboxCaKeys, verestroCaKeys] = await Promise.all([generateRsaKeyPair(2048), generateRsaKeyPair(2048)]);
  const sandboxCa = await createSelfSignedCa({ commonName: 'Sparados Sandbox CA', organization: 'Sparados (sandbox)', country: 'PL' }, sandboxCaKeys);
  const verestroCa = await createSelfSignedCa({ commonName: 'Verestro Sandbox CA', organization: 'Verestro (sandbox)', country: 'PL' }, verestroCaKeys);
  const [server, client, webhook] = await Promise.all([
    issueWithKey(sandboxCa, { subject: { commonName: 'localhost', organization: 'Sparados (sandbox)' }, serverNames: ['localhost'], ips: ['127.0.0.1', '::1'], serverAuth: true }),
    issueWithKey(sandboxCa, { subject: clientSubject(corporationId), clientAuth: true }),
    // Sparados calls partners with a certificate that is both: it is a client there, and the seeds call it a server certificate.
    issueWithKey(verestroCa, { subject: { commonName: 'sparados-outbound.sandbox', organization: 'Verestro (sandbox)' }, serverNames: ['localhost'], clientAuth: true, serverAuth: true }),
  ]);
  // The CAs' private keys are not kept: nothing else is ever signed, so a new set replaces the whole set.
  await writeAtomic(paths.sandboxServerKey, server.key, 0o600);
  await writeAtomic(paths.sandboxServerCert, server.cert, 0o644);
  await writeAtomic(paths.clientKey, client.key, 0o600);
  await writeAtomic(paths.clientCert, client.cert, 0o644);
  await writeAtomic(paths.webhookClientKey, webhook.key, 0o600);
  await writeAtomic(paths.webhookClientCert, webhook.cert, 0o644);
  await writeAtomic(paths.verestroCa, certificateToPem(verestroCa.certificate), 0o644);
  await writeAtomic(paths.sandboxCa, certificateToPem(sandboxCa.certificate), 0o644);
}

const LOCK_STALE_MS = 60_000;

/** Cross-process lock: `dev`, `test` and parallel test workers may all ask for certificates at once. */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.lock');
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await unlink(lock).catch(() => undefined);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/** Creates `.certs/` as SANDBOX.md lists, unless a current set is already there. Returns the file paths. */
export async function ensureCerts(dir = '.certs', options: { corporationId?: string; force?: boolean } = {}): Promise<CertPaths & { created: boolean }> {
  const paths = certPaths(dir);
  const corporationId = options.corporationId ?? loadCorporation().corporationId;
  if (!options.force && (await isCurrent(paths, corporationId))) return { ...paths, created: false };
  await mkdir(paths.dir, { recursive: true });
  return withLock(paths.dir, async () => {
    if (!options.force && (await isCurrent(paths, corporationId))) return { ...paths, created: false };
    await generate(paths, corporationId);
    return { ...paths, created: true };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const dirArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  ensureCerts(dirArg ?? '.certs', { force }).then(
    (result) => {
      console.log(result.created ? `Certificates written to ${result.dir}` : `Certificates in ${result.dir} are current`);
      for (const key of FILE_KEYS) console.log(`  ${result[key]}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
