// Injected faults: status codes, timeouts, resets, latency, ignored idempotency keys; by method and path; a number of times or a probability.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { readFileSync } from 'node:fs';
import { FaultTable } from './http/faults';
import { deliveredApproval, simpleApprovalBody, startTestSandbox, type TestSandbox } from './testing/harness';

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  expect((await sandbox.call('DELETE', '/_sandbox/faults')).status).toBe(204);
});

const fault = (body: unknown) => sandbox.call('POST', '/_sandbox/faults', body);

describe('faults', () => {
  it('answers a status code a number of times, only on the matching method and path', async () => {
    expect((await fault({ match: { method: 'GET', path: '^/secure/approvals$' }, mode: 'status', status: 503, times: 2 })).status).toBe(201);
    const first = await sandbox.call('GET', '/secure/approvals');
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ status: 503, code: 'INJECTED_FAULT', path: '/secure/approvals' });
    expect((await sandbox.call('GET', '/thc/transactions')).status).toBe(200);
    expect((await sandbox.call('POST', '/secure/approvals', simpleApprovalBody(sandbox.cardAliasId))).status).toBe(201);
    expect((await sandbox.call('GET', '/secure/approvals')).status).toBe(503);
    expect((await sandbox.call('GET', '/secure/approvals')).status).toBe(200);
    expect((await sandbox.call('GET', '/_sandbox/faults')).body).toEqual([]);
  });

  it('never applies to the control API, so faults can always be removed', async () => {
    await fault({ mode: 'status', status: 500 });
    expect((await sandbox.call('GET', '/secure/approvals')).status).toBe(500);
    expect((await sandbox.call('GET', '/_sandbox/clock')).status).toBe(200);
    await sandbox.call('DELETE', '/_sandbox/faults');
    expect((await sandbox.call('GET', '/secure/approvals')).status).toBe(200);
  });

  it('resets the connection', async () => {
    await fault({ match: { path: '/thc/' }, mode: 'reset', times: 1 });
    await expect(sandbox.call('GET', '/thc/transactions')).rejects.toThrow();
    expect((await sandbox.call('GET', '/thc/transactions')).status).toBe(200);
  });

  it('ignores the idempotency key where told: the same key applies again and is not remembered', async () => {
    const { id } = await deliveredApproval(sandbox);
    const topUp = (key: string) => sandbox.call('PUT', `/secure/approvals/${id}/increase_budget`, { additionalBudgetMinor: 100 }, { 'x-idempotency-key': key });
    const budget = async () => (await sandbox.call('GET', `/secure/approvals/${id}`)).body.rules.budgetMinor;
    const start = await budget();
    await fault({ match: { method: 'PUT', path: 'increase_budget' }, mode: 'ignore_idempotency', times: 2 });
    expect((await topUp('key-a')).status).toBe(200);
    expect((await topUp('key-a')).status).toBe(200);
    expect(await budget()).toBe(start + 200);
    // Without the fault the key is honoured again; what the ignored requests did was never remembered.
    expect((await topUp('key-a')).status).toBe(200);
    const replay = await topUp('key-a');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await budget()).toBe(start + 300);
  });

  it('holds the request until the client times out', async () => {
    await fault({ match: { path: '^/secure/approvals$' }, mode: 'timeout', times: 1 });
    const agent = new Agent({
      connect: { cert: readFileSync(sandbox.certs.clientCert), key: readFileSync(sandbox.certs.clientKey), ca: readFileSync(sandbox.certs.sandboxCa) },
      headersTimeout: 300,
    });
    try {
      const started = Date.now();
      await expect(request(`${sandbox.url}/secure/approvals`, { dispatcher: agent })).rejects.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await agent.destroy();
    }
    expect((await sandbox.call('GET', '/secure/approvals')).status).toBe(200);
  });

  it('adds latency', async () => {
    await fault({ match: { path: '^/secure/approvals$' }, mode: 'latency', latencyMs: 250, times: 1 });
    const started = Date.now();
    expect((await sandbox.call('GET', '/secure/approvals')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
  });

  it('applies with a probability', async () => {
    await fault({ match: { path: '^/secure/approvals$' }, mode: 'status', status: 502, probability: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => sandbox.call('GET', '/secure/approvals').then((r) => r.status)));
    const failed = statuses.filter((s) => s === 502).length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
    expect(failed + statuses.filter((s) => s === 200).length).toBe(200);
  });

  it('phase "after": the request takes effect but its answer is lost; the idempotency key recovers it', async () => {
    await fault({ match: { method: 'POST', path: '^/secure/approvals$' }, mode: 'reset', phase: 'after', times: 1 });
    const before = (await sandbox.call('GET', '/secure/approvals?size=1')).body.totalElements;
    const payload = simpleApprovalBody(sandbox.cardAliasId);
    await expect(sandbox.call('POST', '/secure/approvals', payload, { 'x-idempotency-key': 'lost-answer' })).rejects.toThrow();
    expect((await sandbox.call('GET', '/secure/approvals?size=1')).body.totalElements).toBe(before + 1);
    const retry = await sandbox.call('POST', '/secure/approvals', payload, { 'x-idempotency-key': 'lost-answer' });
    expect(retry.status).toBe(201);
    expect((await sandbox.call('GET', '/secure/approvals?size=1')).body.totalElements).toBe(before + 1);
  });

  it('validates fault definitions', async () => {
    const res = await fault({ match: { path: '(' }, mode: 'explode', probability: 2 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['match.path', 'mode', 'probability']);
    expect((await fault({ mode: 'latency' })).body.errors[0].field).toBe('latencyMs');
  });
});

describe('FaultTable', () => {
  it('sums latency faults and lets the first terminal fault decide', () => {
    const table = new FaultTable();
    table.add({ mode: 'latency', latencyMs: 10 });
    table.add({ mode: 'latency', latencyMs: 5, times: 1 });
    const first = table.add({ mode: 'status', status: 500, times: 1 });
    table.add({ mode: 'reset' });
    const d1 = table.decide('GET', '/x', 'before', () => 0);
    expect(d1.latencyMs).toBe(15);
    expect(d1.terminal?.id).toBe(first.id);
    const d2 = table.decide('GET', '/x', 'before', () => 0);
    expect(d2.latencyMs).toBe(10);
    expect(d2.terminal?.mode).toBe('reset');
    expect(table.decide('GET', '/x', 'after').terminal).toBeNull();
  });
});
