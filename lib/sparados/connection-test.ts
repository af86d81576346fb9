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
  /**
   * Whether the Full API answers this certificate (a read of a user id that does not exist: 404 or 200
   * means it is part of the contract, 401/403 that it is not); null when the connection itself failed.
   */
  fullApi: 'AVAILABLE' | 'REFUSED' | 'UNKNOWN' | null;
}

const PROBE_USER_ID = '0';

async function probeFullApi(client: SparadosClient): Promise<NonNullable<ConnectionTestResult['fullApi']>> {
  try {
    await client.getUser(PROBE_USER_ID, { retry: { maxAttempts: 1 } });
    return 'AVAILABLE';
  } catch (error) {
    if (!isSparadosError(error) || error.kind !== 'http') return 'UNKNOWN';
    if (error.status === 404) return 'AVAILABLE';
    return error.status === 401 || error.status === 403 ? 'REFUSED' : 'UNKNOWN';
  }
}

export async function testSparadosConnection(client?: SparadosClient): Promise<ConnectionTestResult> {
  let target: SparadosClient;
  try {
    target = client ?? createSparadosClient({ config: getSparadosConfig(), retry: { maxAttempts: 1 }, timeoutMs: 10_000 });
  } catch (error) {
    if (error instanceof SparadosConfigError) {
      return { ok: false, endpoint: 'configuration', latencyMs: null, message: error.message, status: null, requestId: null, fullApi: null };
    }
    throw error;
  }
  // The balance is the cheapest read when its id is known; otherwise one approval from the list.
  const balanceId = target.config.balanceId;
  const endpoint = balanceId ? 'getBalance' : 'listApprovals';
  const started = performance.now();
  try {
    let message: string;
    if (balanceId) {
      const balance = await target.getBalance(balanceId, { retry: { maxAttempts: 1 } });
      message = `Connected: balance ${balance.id} answered (${balance.currency})`;
    } else {
      const page = await target.listApprovals({ size: 1 }, { retry: { maxAttempts: 1 } });
      message = `Connected: ${page.totalElements} approval(s) visible to corporation ${target.config.corporationId ?? '(unknown)'}`;
    }
    const result = done(true, message);
    return { ...result, fullApi: await probeFullApi(target) };
  } catch (error) {
    if (!isSparadosError(error)) throw error;
    return done(false, error.message, error.status, error.requestId);
  }

  function done(ok: boolean, message: string, status: number | null = null, requestId: string | null = null): ConnectionTestResult {
    return { ok, endpoint, latencyMs: Math.round(performance.now() - started), message, status, requestId, fullApi: null };
  }
}
