// mTLS: who gets through the handshake, who is a known corporation, keep-alive.
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCerts } from '../scripts/certs';
import { startSandbox } from './server';
import { clientFor, startTestSandbox, type TestSandbox } from './testing/harness';

let sandbox: TestSandbox;
let foreignDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  foreignDir = await mkdtemp(join(tmpdir(), 'sandbox-foreign-'));
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(foreignDir, { recursive: true, force: true });
});

function rawGet(options: { cert?: string; key?: string; agent?: HttpsAgent }): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${sandbox.url}/_sandbox/clock`,
      { ca: readFileSync(sandbox.certs.sandboxCa), cert: options.cert, key: options.key, agent: options.agent ?? false },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('mTLS transport', () => {
  it('lets the partner certificate through', async () => {
    const res = await rawGet({ cert: readFileSync(sandbox.certs.clientCert, 'utf8'), key: readFileSync(sandbox.certs.clientKey, 'utf8') });
    expect(res.status).toBe(200);
  });

  it('refuses the handshake without a client certificate', async () => {
    await expect(rawGet({})).rejects.toThrow();
  });

  it('refuses the handshake for a certificate signed by another CA', async () => {
    const foreign = await ensureCerts(foreignDir);
    await expect(rawGet({ cert: readFileSync(foreign.clientCert, 'utf8'), key: readFileSync(foreign.clientKey, 'utf8') })).rejects.toThrow();
  });

  it('answers 403 to a CA-signed certificate whose OU is not a known corporation', async () => {
    // A certificate set with another OU; a sandbox trusting that set's CA sees a valid but unknown corporation.
    const otherDir = join(foreignDir, 'other-ou');
    const other = await ensureCerts(otherDir, { corporationId: '11111111-2222-4333-8444-555555555555' });
    const second = await startSandbox({ port: 0, stateFile: ':memory:', certsDir: otherDir, log: () => undefined });
    const client = clientFor(second.url, other);
    try {
      const res = await client.call('GET', '/secure/approvals');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status: 403, error: 'Forbidden', code: 'FORBIDDEN', path: '/secure/approvals' });
      expect((await client.call('GET', '/_sandbox/corporation')).status).toBe(403);
    } finally {
      await client.close();
      await second.close();
    }
  });

  it('keeps connections alive between requests', async () => {
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
    const identity = { cert: readFileSync(sandbox.certs.clientCert, 'utf8'), key: readFileSync(sandbox.certs.clientKey, 'utf8') };
    try {
      const first = await rawGet({ ...identity, agent });
      const second = await rawGet({ ...identity, agent });
      expect(first.reused).toBe(false);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('answers unknown paths with 404 and wrong methods with 405, in the §8 body', async () => {
    const missing = await sandbox.call('GET', '/secure/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const wrong = await sandbox.call('DELETE', '/secure/approvals');
    expect(wrong.status).toBe(405);
  });
});
