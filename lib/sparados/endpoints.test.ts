import { describe, expect, it } from 'vitest';
import { ENDPOINTS, buildPath, buildUrl } from './endpoints';

describe('endpoint map', () => {
  it('has one unique method and path per call', () => {
    const keys = Object.values(ENDPOINTS).map((e) => `${e.api} ${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fills and encodes path parameters, and refuses missing ones', () => {
    expect(buildPath(ENDPOINTS.increaseBudget.path, { id: 'a/b c' })).toBe('/approvals/a%2Fb%20c/increase_budget');
    expect(buildPath(ENDPOINTS.getCardSensitiveData.path, { cardId: 123 })).toBe('/secure/cards/123/sensitive');
    expect(() => buildPath(ENDPOINTS.getApproval.path, {})).toThrow(/missing path parameter "id"/);
  });

  it('keeps the base URL path (/secure, /thc) and skips empty query values', () => {
    expect(buildUrl('https://sparadosv2-bc-api.secure-verestro.dev/secure/', '/approvals', { status: 'DELIVERED', page: 0, size: undefined, x: '' })).toBe(
      'https://sparadosv2-bc-api.secure-verestro.dev/secure/approvals?status=DELIVERED&page=0',
    );
    expect(buildUrl('https://services.upaidtest.pl/thc', '/transactions/abc', { type: 'REFUND' })).toBe('https://services.upaidtest.pl/thc/transactions/abc?type=REFUND');
    expect(buildUrl('https://sp-api.secure-verestro.dev', ENDPOINTS.createUser.path)).toBe('https://sp-api.secure-verestro.dev/secure/users/');
  });
});
