import { readFileSync } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSignedBy, parseCertificate } from '../lib/pki/index';
import { loadCorporation } from '../sandbox/fixtures/corporation';
import { ensureCerts } from './certs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certs-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = (path: string) => readFileSync(path, 'utf8');

// Each set is several 2048-bit RSA keys; on a busy machine that takes far longer than the default 5 s.
describe('ensureCerts', () => {
  it('writes the files of SANDBOX.md with the right subjects and chains, even when called twice at once', async () => {
    const target = join(dir, 'a');
    const [first, second] = await Promise.all([ensureCerts(target), ensureCerts(target)]);
    expect([first.created, second.created].filter(Boolean)).toHaveLength(1);
    const client = parseCertificate(read(first.clientCert));
    expect(client.subject).toMatchObject({ commonName: 'V-Sparados', organizationalUnit: loadCorporation().corporationId, country: 'PL', organization: 'Demo Company' });
    expect(client.subject.emailAddress).toMatch(/@/);
    expect(client.extendedKeyUsages).toContain('clientAuth');
    expect(client.keyBits).toBeGreaterThanOrEqual(2048);
    const server = parseCertificate(read(first.sandboxServerCert));
    expect(server.dnsNames).toContain('localhost');
    expect(server.ips).toContain('127.0.0.1');
    expect(await isSignedBy(read(first.clientCert), read(first.sandboxCa))).toBe(true);
    expect(await isSignedBy(read(first.sandboxServerCert), read(first.sandboxCa))).toBe(true);
    expect(await isSignedBy(read(first.webhookClientCert), read(first.verestroCa))).toBe(true);
    expect(await isSignedBy(read(first.webhookClientCert), read(first.sandboxCa))).toBe(false);
    expect(read(first.clientKey)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  }, 60_000);

  it('is idempotent, and renews the whole set when a file is missing or the OU changes', async () => {
    const target = join(dir, 'b');
    const made = await ensureCerts(target);
    const ca = read(made.sandboxCa);
    const again = await ensureCerts(target);
    expect(again.created).toBe(false);
    expect(read(again.sandboxCa)).toBe(ca);
    await unlink(made.clientKey);
    const renewed = await ensureCerts(target);
    expect(renewed.created).toBe(true);
    expect(read(renewed.sandboxCa)).not.toBe(ca);
    expect(await isSignedBy(read(renewed.clientCert), read(renewed.sandboxCa))).toBe(true);
    const otherOu = await ensureCerts(target, { corporationId: '99999999-9999-4999-8999-999999999999' });
    expect(otherOu.created).toBe(true);
    expect(parseCertificate(read(otherOu.clientCert)).subject.organizationalUnit).toBe('99999999-9999-4999-8999-999999999999');
  }, 60_000);
});
