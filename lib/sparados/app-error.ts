import { AppError, ErrorCode, type FieldErrors } from '@/lib/errors';
import { ENDPOINTS } from './endpoints';
import type { SparadosError } from './errors';

function isWrite(endpoint: string): boolean {
  const known = (ENDPOINTS as Record<string, { method: string }>)[endpoint];
  return known !== undefined && known.method !== 'GET';
}

/**
 * Maps a Sparados failure to the panel's error codes (lib/errors.ts) for the action wrapper.
 * Sparados' own message is kept for 4xx answers (it tells the user what to fix); transport failures
 * get the generic text. An unknown outcome is never reported as "nothing was changed".
 */
export function toAppError(error: SparadosError): AppError {
  const details = { endpoint: error.endpoint, requestId: error.requestId, idempotencyKey: error.idempotencyKey, kind: error.kind };
  const options = { details, cause: error };
  switch (error.kind) {
    case 'http': {
      const status = error.status ?? 0;
      if (status === 400) return new AppError(ErrorCode.VALIDATION, error.message, { ...options, fieldErrors: toFieldErrors(error) });
      if (status === 404) return new AppError(ErrorCode.NOT_FOUND, error.message, options);
      if (status === 409) return new AppError(ErrorCode.INVALID_STATE, error.message, options);
      if (status === 422) return new AppError(ErrorCode.BUDGET_RULE, error.message, options);
      if (status === 429) return new AppError(ErrorCode.RATE_LIMITED, undefined, options);
      if (status >= 500) {
        // A write that reached Sparados and failed there may still have been applied.
        return isWrite(error.endpoint)
          ? new AppError(ErrorCode.OUTCOME_PENDING, 'Sparados answered with an error. The change may still be applied; it will be checked.', options)
          : new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, undefined, options);
      }
      return new AppError(ErrorCode.UPSTREAM_ERROR, error.message, options);
    }
    case 'invalid_request':
      return new AppError(ErrorCode.VALIDATION, undefined, { ...options, fieldErrors: toFieldErrors(error) });
    case 'timeout':
    case 'network':
    case 'deadline':
      return error.sent && isWrite(error.endpoint)
        ? new AppError(ErrorCode.OUTCOME_PENDING, 'Sparados did not answer in time. The change may still be applied; it will be checked.', options)
        : new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, undefined, options);
    case 'outcome_unknown':
      return new AppError(ErrorCode.OUTCOME_PENDING, 'Sparados did not confirm the change. It will be checked before anything is sent again.', options);
    case 'unexpected_state':
      return new AppError(ErrorCode.INVALID_STATE, error.message, options);
    default:
      return new AppError(ErrorCode.UPSTREAM_ERROR, undefined, options);
  }
}

function toFieldErrors(error: SparadosError): FieldErrors {
  const out: FieldErrors = {};
  for (const { field, message } of error.fieldErrors) (out[field || '_'] ??= []).push(message);
  return out;
}
