import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/errors';
import { toAppError } from './app-error';
import { SparadosError, type SparadosErrorInit } from './errors';

const error = (init: Partial<SparadosErrorInit>) => new SparadosError({ kind: 'http', endpoint: 'increaseBudget', message: 'Sparados says no', ...init });

describe('toAppError', () => {
  it('maps Sparados statuses to the panel codes and keeps the message of definite answers', () => {
    const validation = toAppError(error({ status: 400, fieldErrors: [{ field: 'rules.budgetMinor', message: 'too big' }] }));
    expect(validation.code).toBe(ErrorCode.VALIDATION);
    expect(validation.fieldErrors).toEqual({ 'rules.budgetMinor': ['too big'] });
    expect(toAppError(error({ status: 404 })).code).toBe(ErrorCode.NOT_FOUND);
    expect(toAppError(error({ status: 409 }))).toMatchObject({ code: ErrorCode.INVALID_STATE, message: 'Sparados says no' });
    expect(toAppError(error({ status: 422 })).code).toBe(ErrorCode.BUDGET_RULE);
    expect(toAppError(error({ status: 503, endpoint: 'getApproval' })).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it('never says "nothing was changed" about a write whose outcome is unknown', () => {
    const unknown = toAppError(error({ kind: 'outcome_unknown', idempotencyKey: 'k' }));
    expect(unknown.code).toBe(ErrorCode.OUTCOME_PENDING);
    expect(unknown.message).not.toMatch(/nothing was changed/i);
    expect(unknown.details).toMatchObject({ idempotencyKey: 'k' });
    const failedWrite = toAppError(error({ status: 503 }));
    expect(failedWrite.code).toBe(ErrorCode.OUTCOME_PENDING);
    expect(failedWrite.message).not.toMatch(/nothing was changed/i);
    expect(toAppError(error({ kind: 'timeout', sent: true }))).toMatchObject({ code: ErrorCode.OUTCOME_PENDING, message: expect.stringMatching(/may still be applied/) });
  });

  it('reports a read that timed out as unavailable', () => {
    expect(toAppError(error({ kind: 'timeout', endpoint: 'getApproval' })).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(toAppError(error({ kind: 'network', sent: false })).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });
});
