import { describe, expect, it } from 'vitest';
import { ENDPOINTS, VALIDITY_READING, buildPath, buildUrl, validityFromWire, validityToWire } from './endpoints';

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

describe('validity dates on the wire', () => {
  const start = new Date('2026-06-01T00:00:00+02:00');
  const end = new Date('2026-06-30T23:59:59.999+02:00');

  it('sends instants as they are under the "instant" reading (the one in force)', () => {
    expect(VALIDITY_READING).toBe('instant');
    expect(validityToWire(start, end, 'Europe/Warsaw')).toEqual({ startDate: '2026-05-31T22:00:00.000Z', endDate: '2026-06-30T21:59:59.999Z', timezone: 'Europe/Warsaw' });
    expect(validityFromWire({ startDate: '2026-05-31T22:00:00.000Z', endDate: '2026-06-30T21:59:59.999Z', timezone: 'Europe/Warsaw' })).toEqual({ startDate: start, endDate: end });
  });

  it('sends the local wall-clock time under the "local-time" reading, and reads it back to the same instants', () => {
    const wire = validityToWire(start, end, 'Europe/Warsaw', 'local-time');
    expect(wire).toEqual({ startDate: '2026-06-01T00:00:00.000Z', endDate: '2026-06-30T23:59:59.999Z', timezone: 'Europe/Warsaw' });
    expect(validityFromWire(wire, 'local-time')).toEqual({ startDate: start, endDate: end });
    // Across a change of clocks (Warsaw goes to summer time on 29 March 2026).
    const winter = new Date('2026-03-01T00:00:00+01:00');
    const summer = new Date('2026-04-30T23:59:59.999+02:00');
    expect(validityFromWire(validityToWire(winter, summer, 'Europe/Warsaw', 'local-time'), 'local-time')).toEqual({ startDate: winter, endDate: summer });
  });
});
