import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { SparadosError } from '@/lib/sparados/errors';
import { appErrorOf, classifyFailure } from './outcome';

const http = (status: number) => new SparadosError({ kind: 'http', status, endpoint: 'lockCard', message: `HTTP ${status}` });

describe('classifyFailure', () => {
  it('treats a Sparados 4xx answer as a refusal: nothing was applied', () => {
    for (const status of [400, 404, 409, 422]) expect(classifyFailure(http(status))).toBe('refused');
  });

  it('leaves the outcome unknown for 5xx, 408, 429 and a lost answer', () => {
    for (const status of [500, 503, 408, 429]) expect(classifyFailure(http(status))).toBe('unknown');
    expect(classifyFailure(new SparadosError({ kind: 'timeout', endpoint: 'lockCard', message: 't', sent: true }))).toBe('unknown');
    expect(classifyFailure(new SparadosError({ kind: 'outcome_unknown', endpoint: 'lockCard', message: 'u' }))).toBe('unknown');
    expect(classifyFailure(new Error('the process crashed'))).toBe('unknown');
  });

  it('knows a request that never left was not applied', () => {
    expect(classifyFailure(new SparadosError({ kind: 'network', endpoint: 'lockCard', message: 'refused', sent: false }))).toBe('refused');
    expect(classifyFailure(new SparadosError({ kind: 'invalid_request', endpoint: 'lockCard', message: 'bad', sent: false }))).toBe('refused');
    expect(classifyFailure(new AppError('BUDGET_RULE'))).toBe('refused');
  });

  it('maps to the panel error codes', () => {
    expect(appErrorOf(http(409)).code).toBe('INVALID_STATE');
    expect(appErrorOf(new Error('x')).code).toBe('OUTCOME_PENDING');
  });
});
