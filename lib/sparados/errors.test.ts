import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './errors';

describe('errorFromResponse', () => {
  it('reads the §8 error body: code, message, field errors, raw body kept', () => {
    const raw = JSON.stringify({
      status: 400,
      error: 'Bad Request',
      code: 'VALIDATION_ERROR',
      message: 'Validation failed: user.email',
      timestamp: '2026-01-01T00:00:00Z',
      path: '/secure/approvals',
      errors: [{ field: 'user.email', message: 'must be an e-mail address' }],
    });
    const error = errorFromResponse('createApproval', 400, raw, 'req-1');
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'Validation failed: user.email',
      fieldErrors: [{ field: 'user.email', message: 'must be an e-mail address' }],
      requestId: 'req-1',
      rawBody: raw,
      endpoint: 'createApproval',
    });
    expect(error.isTransient).toBe(false);
  });

  it('survives bodies that are not the documented JSON (a proxy page)', () => {
    const error = errorFromResponse('getApproval', 502, '<html>Bad gateway</html>', 'req-2');
    expect(error).toMatchObject({ status: 502, code: null, fieldErrors: [], message: 'Sparados answered HTTP 502', rawBody: '<html>Bad gateway</html>' });
    expect(error.isTransient).toBe(true);
    expect(error.isServerError).toBe(true);
  });

  it('falls back to the reason phrase when there is no message', () => {
    expect(errorFromResponse('x', 409, '{"error":"Conflict"}', null).message).toBe('Conflict');
    expect(errorFromResponse('x', 404, '', null).message).toBe('Sparados answered HTTP 404');
  });
});
