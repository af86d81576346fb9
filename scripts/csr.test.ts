import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The onboarding helper end to end: run it as a user would, then let openssl judge its output.

const dir = mkdtempSync(join(tmpdir(), 'sparados-csr-'));
const run = (args: string[]) => spawnSync(join('node_modules', '.bin', 'tsx'), ['scripts/csr.ts', ...args], { encoding: 'utf8' });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run csr', () => {
  it('writes a key and a CSR that openssl verifies, with the required subject', () => {
    const result = run([
      '--company', 'Demo Company', '--corporation-id', '4f9d2c7a-1b3e-4a6f-8c5d-2e7b9a1c3d5f', '--email', 'it@demo.example',
      '--country', 'PL', '--state', 'Mazowieckie', '--city', 'Warsaw', '--out', dir, '--bits', '2048',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const csr = join(dir, 'Demo-Company.csr');
    const key = join(dir, 'Demo-Company.key');
    const verify = spawnSync('openssl', ['req', '-verify', '-in', csr, '-noout', '-subject'], { encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(`${verify.stdout}${verify.stderr}`).toMatch(/verify OK/);
    expect(verify.stdout.trim()).toBe(
      'subject=C = PL, ST = Mazowieckie, L = Warsaw, O = Demo Company, OU = 4f9d2c7a-1b3e-4a6f-8c5d-2e7b9a1c3d5f, CN = V-Sparados, emailAddress = it@demo.example',
    );
    expect(execFileSync('openssl', ['req', '-in', csr, '-noout', '-text'], { encoding: 'utf8' })).toMatch(/Public-Key: \(2048 bit\)/);
    // The CSR carries the public half of the key written beside it.
    const fromKey = execFileSync('openssl', ['pkey', '-in', key, '-pubout'], { encoding: 'utf8' });
    const fromCsr = execFileSync('openssl', ['req', '-in', csr, '-noout', '-pubkey'], { encoding: 'utf8' });
    expect(fromCsr).toBe(fromKey);
    expect(statSync(key).mode & 0o077).toBe(0);
  }, 60_000);

  it('refuses to overwrite an existing key without --force', () => {
    const result = run(['--company', 'Demo Company', '--corporation-id', '4f9d2c7a-1b3e-4a6f-8c5d-2e7b9a1c3d5f', '--email', 'it@demo.example', '--country', 'PL', '--out', dir, '--bits', '2048']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/already exists/);
  }, 60_000);

  it('refuses commas and malformed values, listing each', () => {
    const result = run(['--company', 'Acme, Inc', '--corporation-id', 'x', '--email', 'it@demo.example', '--country', 'PL', '--bits', '1024']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/contains a comma/);
    expect(result.stderr).toMatch(/not a UUID/);
    expect(result.stderr).toMatch(/at least 2048/);
  }, 60_000);
});
