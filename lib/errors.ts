// The one list of error codes the panel returns to its UI. Client components import it too,
// so nothing server-only belongs here.

export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_STATE: 'INVALID_STATE',
  BUDGET_RULE: 'BUDGET_RULE',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  /** Sent to Sparados (or applied there) but not confirmed yet; the reconciler finishes it. Never "failed". */
  OUTCOME_PENDING: 'OUTCOME_PENDING',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Messages used when the code alone is all that may be told (never leaks internals). */
export const DEFAULT_ERROR_MESSAGES = {
  VALIDATION: 'Some fields need attention.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again.',
  FORBIDDEN: 'Your role does not allow this action.',
  NOT_FOUND: 'It no longer exists.',
  CONFLICT: 'Someone changed this at the same time. Reload and try again.',
  INVALID_STATE: 'This is not possible in its current state.',
  BUDGET_RULE: 'The amount breaks a budget rule.',
  UPSTREAM_UNAVAILABLE: 'Sparados is not reachable right now. Nothing was changed; try again shortly.',
  UPSTREAM_ERROR: 'Sparados refused the request.',
  OUTCOME_PENDING: 'The change was sent to Sparados and is being confirmed. It will finish by itself.',
  RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
  INTERNAL: 'Something went wrong on our side. It has been logged.',
} as const satisfies Record<ErrorCode, string>;

export type FieldErrors = Record<string, string[]>;

/**
 * An expected failure: thrown by domain code, turned into `{ ok: false, code, message }` by the
 * action wrapper. Anything else thrown is unexpected and is reported as INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string = DEFAULT_ERROR_MESSAGES[code],
    options: { fieldErrors?: FieldErrors; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
