// State survives a restart of the server; `npm run sandbox` starts, prints its line and stops cleanly.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CERTS_DIR, deliveredApproval, startTestSandbox } from './testing/harness';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-restart-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('persistence across restarts', () => {
  it('keeps approvals, cards, users, transactions, balances, e-mails, the clock and id counters', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startTestSandbox({ stateFile });
    const approval = await deliveredApproval(first);
    const user = await first.call('POST', '/secure/users', { email: 'p@q.pl', phoneNumber: '48111222333', firstName: 'P', lastName: 'Q', dateOfBirth: '1985-01-01', nationality: 'PL' });
    const tx = await first.call('POST', '/_sandbox/transactions', { cardId: approval.cardId, amountMinor: 700, merchantName: 'M', mcc: '5411', channel: 'POS' });
    await first.call('POST', '/_sandbox/clock', { advanceMs: 86_400_000 });
    const key = { 'x-idempotency-key': 'restart-key' };
    const locked = await first.call('PUT', `/secure/approvals/${approval.id}/lock`, undefined, key);
    const before = {
      approval: (await first.call('GET', `/secure/approvals/${approval.id}`)).body,
      balance: (await first.call('GET', `/secure/balances/${first.balanceId}`)).body,
      emails: (await first.call('GET', '/_sandbox/emails')).body,
      clock: Date.parse((await first.call('GET', '/_sandbox/clock')).body.now),
    };
    await first.stop();
    expect(existsSync(stateFile)).toBe(true);

    const second = await startTestSandbox({ stateFile });
    try {
      expect((await second.call('GET', `/secure/approvals/${approval.id}`)).body).toEqual(before.approval);
      expect((await second.call('GET', `/secure/balances/${second.balanceId}`)).body).toEqual(before.balance);
      expect((await second.call('GET', '/_sandbox/emails')).body).toEqual(before.emails);
      expect((await second.call('GET', `/secure/users/${user.body.id}`)).status).toBe(200);
      expect((await second.call('GET', `/thc/transactions/${tx.body.id}?type=PURCHASE`)).body.amountMinor).toBe(700);
      const clock = Date.parse((await second.call('GET', '/_sandbox/clock')).body.now);
      expect(clock - before.clock).toBeGreaterThanOrEqual(0);
      expect(clock - before.clock).toBeLessThan(10_000);
      const replay = await second.call('PUT', `/secure/approvals/${approval.id}/lock`, undefined, key);
      expect(replay.body).toEqual(locked.body);
      const nextUser = await second.call('POST', '/secure/users', { email: 'r@s.pl', phoneNumber: '48111222334', firstName: 'R', lastName: 'S', dateOfBirth: '1985-01-01', nationality: 'PL' });
      expect(nextUser.body.id).toBeGreaterThan(user.body.id);
      const another = await deliveredApproval(second);
      expect(another.cardId).toBeGreaterThan(approval.cardId);
    } finally {
      await second.stop();
    }
  });
});

describe('npm run sandbox (sandbox/main.ts)', () => {
  it('prints the listening line, serves, and saves state on SIGTERM', async () => {
    const stateFile = join(dir, 'cli-state.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
      env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_STATE_FILE: stateFile, SANDBOX_CERTS_DIR: TEST_CERTS_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const m = output.match(/^Sparados sandbox listening on https:\/\/127\.0\.0\.1:\d+$/m);
        if (m) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      setTimeout(() => reject(new Error(`no listening line: ${output}`)), 20_000);
    });
    const port = Number(line.split(':').at(-1));
    const { clientFor } = await import('./testing/harness');
    const { certPaths } = await import('../scripts/certs');
    const client = clientFor(`https://127.0.0.1:${port}`, certPaths(TEST_CERTS_DIR));
    const { simpleApprovalBody } = await import('./testing/harness');
    const { loadCorporation } = await import('./fixtures/corporation');
    expect((await client.call('POST', '/secure/approvals', simpleApprovalBody(loadCorporation().balances[0].cardAliasId))).status).toBe(201);
    await client.close();
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
  }, 30_000);
});
