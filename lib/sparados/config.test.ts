import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSparadosEnv } from '@/lib/env';
import {
  certificateToPem,
  createSelfSignedCa,
  exportPrivateKeyPem,
  generateRsaKeyPair,
  issueCertificate,
  type CertificateAuthority,
  type SubjectFields,
} from '@/lib/pki';
import { PUBLISHED_BASE_URLS, resolveSparadosConfig } from './config';

const CORPORATION = '4f9d2c7a-1b3e-4a6f-8c5d-2e7b9a1c3d5f';
const DAY = 86_400_000;

const subject = (overrides: Partial<SubjectFields> = {}): SubjectFields => ({
  commonName: 'V-Sparados',
  organization: 'Demo Company',
  organizationalUnit: CORPORATION,
  locality: 'Warsaw',
  state: 'Mazowieckie',
  country: 'PL',
  emailAddress: 'it@demo.example',
  ...overrides,
});

describe('resolveSparadosConfig', () => {
  let dir: string;
  let ca: CertificateAuthority;
  const files: Record<string, string> = {};

  async function writeCert(name: string, subjectFields: SubjectFields, options: { days?: number; keyPem?: string } = {}) {
    const keys = await generateRsaKeyPair(2048);
    const pem = certificateToPem(await issueCertificate({ subject: subjectFields, publicKey: keys.publicKey, issuer: ca, clientAuth: true, days: options.days ?? 365 }));
    files[name] = join(dir, `${name}.pem`);
    files[`${name}-key`] = join(dir, `${name}-key.pem`);
    writeFileSync(files[name], pem);
    writeFileSync(files[`${name}-key`], await exportPrivateKeyPem(keys.privateKey));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparados-config-'));
    ca = await createSelfSignedCa({ commonName: 'Test Sparados CA' }, await generateRsaKeyPair(2048));
    files.ca = join(dir, 'ca.pem');
    writeFileSync(files.ca, certificateToPem(ca.certificate));
    await writeCert('good', subject());
    await writeCert('short', subject(), { days: 20 });
    await writeCert('otherOu', subject({ organizationalUnit: '11111111-2222-4333-8444-555555555555' }));
    await writeCert('wrongCn', subject({ commonName: 'Sparados' }));
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = (vars: Record<string, string>) => parseSparadosEnv(vars);
  const sandboxEnv = (vars: Record<string, string> = {}) =>
    env({ SPARADOS_CERT_FILE: files.good, SPARADOS_KEY_FILE: files['good-key'], SPARADOS_CA_FILE: files.ca, SPARADOS_CORPORATION_ID: CORPORATION, ...vars });
  const messages = (vars: Record<string, string>, now?: Date) => resolveSparadosConfig(env(vars), { now }).problems.map((p) => `${p.severity}: ${p.message}`);

  it('accepts a good sandbox configuration and defaults the URLs to the local sandbox', () => {
    const resolved = resolveSparadosConfig(sandboxEnv({ SANDBOX_PORT: '5555' }));
    expect(resolved.problems).toEqual([]);
    expect(resolved.config).toMatchObject({
      environment: 'sandbox',
      baseUrls: { cards: 'https://127.0.0.1:5555/secure', thc: 'https://127.0.0.1:5555/thc', full: 'https://127.0.0.1:5555' },
      corporationId: CORPORATION,
      timeoutMs: 10_000,
    });
    expect(resolved.certificate?.daysToExpiry).toBeGreaterThan(360);
  });

  it('takes the corporation from the certificate OU in the sandbox when none is configured', () => {
    const resolved = resolveSparadosConfig(env({ SPARADOS_CERT_FILE: files.good, SPARADOS_KEY_FILE: files['good-key'], SPARADOS_CA_FILE: files.ca }));
    expect(resolved.config?.corporationId).toBe(CORPORATION);
  });

  it('reads PEM material from base64 variables', () => {
    const b64 = (path: string) => readFileSync(path).toString('base64');
    const resolved = resolveSparadosConfig(
      env({ SPARADOS_ENV: 'beta', SPARADOS_CERT_BASE64: b64(files.good), SPARADOS_KEY_BASE64: b64(files['good-key']), SPARADOS_CORPORATION_ID: CORPORATION }),
    );
    expect(resolved.problems).toEqual([]);
    expect(resolved.config).toMatchObject({ environment: 'beta', baseUrls: PUBLISHED_BASE_URLS.beta, ca: null });
    expect(resolved.config?.cert.origin).toBe('SPARADOS_CERT_BASE64');
  });

  it('uses PROD URLs for prod and lets each one be overridden', () => {
    const resolved = resolveSparadosConfig(
      env({
        SPARADOS_ENV: 'prod',
        SPARADOS_CERT_FILE: files.good,
        SPARADOS_KEY_FILE: files['good-key'],
        SPARADOS_CORPORATION_ID: CORPORATION,
        SPARADOS_THC_URL: 'https://thc.example/thc',
      }),
    );
    expect(resolved.config?.baseUrls).toEqual({ ...PUBLISHED_BASE_URLS.prod, thc: 'https://thc.example/thc' });
  });

  it('names a missing file', () => {
    expect(messages({ SPARADOS_CERT_FILE: join(dir, 'nope.pem'), SPARADOS_KEY_FILE: files['good-key'], SPARADOS_CA_FILE: files.ca })).toEqual([
      `error: SPARADOS_CERT_FILE ${join(dir, 'nope.pem')}: file not found`,
    ]);
  });

  it('points to npm run certs when the sandbox defaults are missing', () => {
    const resolved = resolveSparadosConfig(env({}), { readFile: () => null });
    expect(resolved.config).toBeNull();
    expect(resolved.problems).toHaveLength(3);
    expect(resolved.problems[0].message).toMatch(/SPARADOS_CERT_FILE is not set and the sandbox default .*\.certs\/client\.pem: file not found \(run npm run certs\)/);
  });

  it('refuses a file and a base64 variable for the same thing', () => {
    expect(messages({ SPARADOS_CERT_FILE: files.good, SPARADOS_CERT_BASE64: 'LS0t', SPARADOS_KEY_FILE: files['good-key'], SPARADOS_CA_FILE: files.ca })).toContain(
      'error: SPARADOS_CERT_FILE and SPARADOS_CERT_BASE64 are both set: keep one',
    );
  });

  it('says when the key does not belong to the certificate', () => {
    expect(messages({ SPARADOS_CERT_FILE: files.good, SPARADOS_KEY_FILE: files['short-key'], SPARADOS_CA_FILE: files.ca })).toEqual([
      'error: the private key does not match the certificate (it belongs to another key pair)',
    ]);
  });

  it('warns from 30 days before expiry and refuses an expired certificate', () => {
    const vars = { SPARADOS_CERT_FILE: files.short, SPARADOS_KEY_FILE: files['short-key'], SPARADOS_CA_FILE: files.ca };
    const warning = resolveSparadosConfig(env(vars));
    expect(warning.config).not.toBeNull();
    expect(warning.problems).toHaveLength(1);
    expect(warning.problems[0]).toMatchObject({ severity: 'warning' });
    expect(warning.problems[0].message).toMatch(/expires on .* \(in 19 days\): send a new CSR/);
    const later = messages(vars, new Date(Date.now() + 25 * DAY));
    expect(later).toHaveLength(1);
    expect(later[0]).toMatch(/^error: the certificate expired on /);
  });

  it('refuses a certificate for another corporation and one with the wrong CN', () => {
    expect(messages({ SPARADOS_CERT_FILE: files.otherOu, SPARADOS_KEY_FILE: files['otherOu-key'], SPARADOS_CA_FILE: files.ca, SPARADOS_CORPORATION_ID: CORPORATION })).toEqual([
      `error: the certificate OU is "11111111-2222-4333-8444-555555555555", not the configured corporation id ${CORPORATION} (SPARADOS_CORPORATION_ID)`,
    ]);
    expect(messages({ SPARADOS_CERT_FILE: files.wrongCn, SPARADOS_KEY_FILE: files['wrongCn-key'], SPARADOS_CA_FILE: files.ca })).toEqual([
      'error: the certificate CN is "Sparados", Sparados requires CN=V-Sparados',
    ]);
  });

  it('lists everything BETA needs that is missing, one message each', () => {
    expect(messages({ SPARADOS_ENV: 'beta' })).toEqual([
      'error: SPARADOS_CERT_FILE or SPARADOS_CERT_BASE64 is required for beta: the certificate Sparados signed',
      'error: SPARADOS_KEY_FILE or SPARADOS_KEY_BASE64 is required for beta: the private key of your CSR',
      'error: SPARADOS_CORPORATION_ID is required for beta: the corporation id Sparados sent (the OU of your certificate)',
    ]);
  });

  it('refuses plain http base URLs', () => {
    expect(messages({ SPARADOS_CERT_FILE: files.good, SPARADOS_KEY_FILE: files['good-key'], SPARADOS_CA_FILE: files.ca, SPARADOS_CARDS_URL: 'http://127.0.0.1:1/secure' })).toEqual([
      'error: the cards base URL http://127.0.0.1:1/secure is not https:// (Sparados needs mutual TLS)',
    ]);
  });

  it('refuses garbage instead of PEM', () => {
    writeFileSync(join(dir, 'garbage.pem'), 'not a certificate');
    expect(messages({ SPARADOS_CERT_FILE: join(dir, 'garbage.pem'), SPARADOS_KEY_FILE: files['good-key'], SPARADOS_CA_FILE: files.ca })).toEqual([
      'error: the client certificate is not a PEM X.509 certificate',
    ]);
  });
});

describe('parseSparadosEnv', () => {
  it('defaults to the sandbox and validates variable formats', () => {
    expect(parseSparadosEnv({})).toMatchObject({ SPARADOS_ENV: 'sandbox', SANDBOX_PORT: 4443, SPARADOS_TIMEOUT_MS: 10_000 });
    expect(() => parseSparadosEnv({ SPARADOS_ENV: 'staging' })).toThrow(/SPARADOS_ENV must be sandbox, beta or prod/);
    expect(() => parseSparadosEnv({ SPARADOS_CORPORATION_ID: 'acme' })).toThrow(/SPARADOS_CORPORATION_ID must be a UUID/);
    expect(() => parseSparadosEnv({ SPARADOS_CERT_BASE64: '%%%' })).toThrow(/SPARADOS_CERT_BASE64: must be base64/);
  });
});
