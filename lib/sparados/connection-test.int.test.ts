import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server';
import { closeSparadosAgents, createSparadosClient, getSparadosConfig } from './index';
import { testSparadosConnection } from './connection-test';

// The Settings page's "Test connection" against the real sandbox.

afterAll(() => closeSparadosAgents());

describe('testSparadosConnection', () => {
  it('reports a working connection with its latency', async () => {
    const result = await testSparadosConnection();
    expect(result).toMatchObject({ ok: true, status: null });
    expect(result.message).toMatch(/^Connected/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    // The test sandbox's corporation has the Full API.
    expect(result.fullApi).toBe('AVAILABLE');
  });

  it('finds the Full API refused where the contract is Simple', async () => {
    const simple = await startSandbox({ port: 0, stateFile: ':memory:', contract: 'simple', log: () => undefined });
    try {
      const config = getSparadosConfig();
      const client = createSparadosClient({ config: { ...config, baseUrls: { cards: `${simple.url}/secure`, thc: `${simple.url}/thc`, full: simple.url } } });
      const result = await testSparadosConnection(client);
      expect(result).toMatchObject({ ok: true, fullApi: 'REFUSED' });
    } finally {
      await simple.close();
    }
  });

  it('reports the failure of a connection that cannot work, without retrying', async () => {
    const config = getSparadosConfig();
    const broken = createSparadosClient({ config: { ...config, baseUrls: { ...config.baseUrls, cards: 'https://127.0.0.1:9/secure' } } });
    const result = await testSparadosConnection(broken);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/connection failed \(ECONNREFUSED\)/);
    expect(result.fullApi).toBeNull();
  });
});
