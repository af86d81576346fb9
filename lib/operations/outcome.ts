import { AppError, ErrorCode, isAppError } from '@/lib/errors';
import { isSparadosError, type SparadosError } from '@/lib/sparados/errors';
import { toAppError } from '@/lib/sparados/app-error';

// How a failed upstream write is recorded. Only an answer that proves nothing was applied may end
// the operation as FAILED; anything else leaves it SENT for the reconciler (DESIGN.md write-intent).

export type FailureKind = 'refused' | 'unknown';

function refusedByStatus(error: SparadosError): boolean {
  if (error.kind !== 'http' || error.status === null) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/** `refused`: certainly not applied (4xx, refused before sending, never connected). `unknown`: may have been. */
export function classifyFailure(error: unknown): FailureKind {
  if (isAppError(error)) return 'refused';
  if (!isSparadosError(error)) return 'unknown';
  if (refusedByStatus(error)) return 'refused';
  if (error.kind === 'invalid_request' || error.kind === 'tls' || error.kind === 'unexpected_state' || error.kind === 'cancelled') {
    return error.sent ? 'unknown' : 'refused';
  }
  if ((error.kind === 'network' || error.kind === 'timeout' || error.kind === 'deadline') && !error.sent) return 'refused';
  return 'unknown';
}

/** The panel error to show for a failure (lib/errors.ts codes). */
export function appErrorOf(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isSparadosError(error)) return toAppError(error);
  return new AppError(ErrorCode.OUTCOME_PENDING, 'The change was sent but not confirmed. It will be checked with Sparados shortly.', { cause: error });
}
