import type { Dispatcher } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@/sandbox/server';
import { simpleApproval } from './contract/fixtures';
import { sandboxControl, type SandboxControl } from './contract/sandbox-control';
import { createSparadosAgent } from './dispatcher';
import { createSparadosClient, getSparadosConfig, isSparadosError, type SparadosClient } from './index';

// "Did my create happen?" after an unknown outcome, against a sandbox of this file's own (so the
// number of approvals in each list is known). Requests go out without X-Idempotency-Key: a wrong
// "not applied" would then really create a second approval instead of being absorbed by the key.

let sandbox: RunningSandbox;
let agent: Dispatcher;
let control: SandboxControl;
let cardAliasId: string;
let listQueries: string[] = [];

/** Drops the idempotency key and notes every approval-list query the client makes. */
function observed(inner: Dispatcher): Dispatcher {
  return inner.compose((dispatch) => (options, handler) => {
    const headers = { ...(options.headers as Record<string, string>) };
    delete headers['x-idempotency-key'];
    if (options.method === 'GET' && options.path.startsWith('/secure/approvals?')) listQueries.push(options.path.slice('/secure/approvals?'.length));
    return dispatch({ ...options, headers }, handler);
  });
}

function client(scan?: { pageSize: number; maxPages: number }): SparadosClient {
  const base = getSparadosConfig();
  const config = { ...base, baseUrls: { cards: `${sandbox.url}/secure`, thc: `${sandbox.url}/thc`, full: sandbox.url } };
  return createSparadosClient({ config, dispatcher: observed(agent), timeoutMs: 2_000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, verificationScan: scan });
}

async function countApprovals(c: SparadosClient): Promise<number> {
  return (await c.listApprovals({ size: 1 })).totalElements;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, stateFile: ':memory:', retryScale: 0.001, log: () => undefined });
  agent = createSparadosAgent(getSparadosConfig());
  control = sandboxControl(sandbox.url, agent);
  cardAliasId = (await control.corporation()).balances[0].cardAliasId;
});

afterAll(async () => {
  await agent.close();
  await sandbox.close();
});

beforeEach(async () => {
  await control.call('POST', '/reset');
  listQueries = [];
});

describe('createApproval after an unknown outcome', () => {
  it('scans only the ACCEPTED, PREPARED and DELIVERED lists, in that order, and finds an applied create', async () => {
    const c = client({ pageSize: 2, maxPages: 1 });
    // Plenty of approvals a new one can never be (cancelled), more than the scan reads of any list.
    for (let i = 0; i < 5; i++) await c.cancelApproval((await c.createApproval(simpleApproval(cardAliasId))).id);
    await control.addFault({ match: { method: 'POST', path: '^/secure/approvals$' }, mode: 'status', status: 500, phase: 'after', times: 1 });
    listQueries = [];

    const created = await c.createApproval(simpleApproval(cardAliasId));
    expect(created.status).toBe('ACCEPTED');
    expect(await countApprovals(c)).toBe(6);
    const scans = listQueries.map((q) => new URLSearchParams(q)).filter((q) => q.get('size') === '2');
    expect(scans.map((q) => q.get('status'))).toEqual(['ACCEPTED', 'PREPARED', 'DELIVERED']);
  });

  it('reports the outcome unknown, and does not resend, when the scan is capped without finding it', async () => {
    const c = client({ pageSize: 2, maxPages: 1 });
    // Three ACCEPTED approvals: the ACCEPTED list has more pages than the scan reads.
    for (let i = 0; i < 3; i++) await c.createApproval(simpleApproval(cardAliasId));
    // Refused before Sparados saw it: only a complete scan could prove that.
    await control.addFault({ match: { method: 'POST', path: '^/secure/approvals$' }, mode: 'status', status: 503, phase: 'before', times: 1 });

    const error = await c.createApproval(simpleApproval(cardAliasId)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isSparadosError(error) && error.kind).toBe('outcome_unknown');
    expect((error as Error).message).toMatch(/lists go on beyond the scan limit/);
    expect(await countApprovals(c)).toBe(3);
  });

  it('resends when a complete scan shows the create did not happen, making exactly one approval', async () => {
    const c = client({ pageSize: 2, maxPages: 5 });
    for (let i = 0; i < 3; i++) await c.createApproval(simpleApproval(cardAliasId));
    await control.addFault({ match: { method: 'POST', path: '^/secure/approvals$' }, mode: 'status', status: 503, phase: 'before', times: 1 });

    const created = await c.createApproval(simpleApproval(cardAliasId));
    expect(created.status).toBe('ACCEPTED');
    expect(await countApprovals(c)).toBe(4);
  });
});
