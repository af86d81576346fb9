import 'server-only';
import { createSparadosClient, type SparadosClient } from './client';
import { SparadosConfigError, getSparadosConfig } from './config';
import { isSparadosError } from './errors';

// "Test connection" (Settings page, cert:check --connect): one read-only call, no retries, so the
// answer reflects the connection as it is right now.

export interface ConnectionTestResult {
  ok: boolean;
  endpoint: string;
  latencyMs: number | null;
  message: string;
  status: number | null;
  requestId: string | null;
}

export async function testSparadosConnection(client?: SparadosClient): Promise<ConnectionTestResult> {
  let target: SparadosClient;
  try {
    target = client ?? createSparadosClient({ config: getSparadosConfig(), retry: { maxAttempts: 1 }, timeoutMs: 10_000 });
  } catch (error) {
    if (error instanceof SparadosConfigError) {
      return { ok: false, endpoint: 'configuration', latencyMs: null, message: error.message, status: null, requestId: null };
    }
    throw error;
  }
  // The balance is the cheapest read when its id is known; otherwise one approval from the list.
  const balanceId = target.config.balanceId;
  const endpoint = balanceId ? 'getBalance' : 'listApprovals';
  const started = performance.now();
  try {
    if (balanceId) {
      const balance = await target.getBalance(balanceId, { retry: { maxAttempts: 1 } });
      return done(true, `Connected: balance ${balance.id} answered (${balance.currency})`);
    }
    const page = await target.listApprovals({ size: 1 }, { retry: { maxAttempts: 1 } });
    return done(true, `Connected: ${page.totalElements} approval(s) visible to corporation ${target.config.corporationId ?? '(unknown)'}`);
  } catch (error) {
    if (!isSparadosError(error)) throw error;
    return done(false, error.message, error.status, error.requestId);
  }

  function done(ok: boolean, message: string, status: number | null = null, requestId: string | null = null): ConnectionTestResult {
    return { ok, endpoint, latencyMs: Math.round(performance.now() - started), message, status, requestId };
  }
}
