import { afterAll, describe, expect, it } from 'vitest';
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
  });

  it('reports the failure of a connection that cannot work, without retrying', async () => {
    const config = getSparadosConfig();
    const broken = createSparadosClient({ config: { ...config, baseUrls: { ...config.baseUrls, cards: 'https://127.0.0.1:9/secure' } } });
    const result = await testSparadosConnection(broken);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/connection failed \(ECONNREFUSED\)/);
  });
});
