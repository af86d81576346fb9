import { request, type Dispatcher } from 'undici';

// The sandbox control API (SANDBOX.md) over the client's own mTLS connection pool: drives the end
// user, the card network and faults in the contract and fault tests.

export interface SandboxControl {
  call<T = any>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  config(): Promise<{ createReply: 'full' | 'id-only'; contract: 'full' | 'simple' }>;
  corporation(): Promise<{ corporationId: string; currency: string; balances: Array<{ balanceId: string; cardAliasId: string; availableMinor: number }> }>;
  redeem(approvalId: string): Promise<{ id: string; status: string; cardId: number | string | null }>;
  changeRequest(approvalId: string, body: { budgetMinor?: number; endDate?: string }): Promise<{ id: string; status: string; parentId: string }>;
  authorize(body: { cardId: string; amountMinor: number; merchantName: string; mcc: string; channel: 'POS' | 'ECOMMERCE' | 'ATM'; currency?: string }): Promise<{
    id: string;
    type: string;
    status: string;
    declineReason?: string;
  }>;
  addFault(body: Record<string, unknown>): Promise<{ id: string }>;
  clearFaults(): Promise<void>;
}

export function sandboxControl(baseUrl: string, dispatcher: Dispatcher): SandboxControl {
  async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await request(`${baseUrl}/_sandbox${path}`, {
      method,
      dispatcher,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`sandbox control ${method} ${path}: HTTP ${response.statusCode} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    call,
    config: () => call('GET', '/config'),
    corporation: () => call('GET', '/corporation'),
    redeem: (id) => call('POST', `/approvals/${id}/redeem`),
    changeRequest: (id, body) => call('POST', `/approvals/${id}/change-request`, body),
    authorize: (body) => call('POST', '/transactions', body),
    addFault: (body) => call('POST', '/faults', body),
    clearFaults: () => call('DELETE', '/faults'),
  };
}
