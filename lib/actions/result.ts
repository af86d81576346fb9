import { DEFAULT_ERROR_MESSAGES, type ErrorCode, type FieldErrors } from '@/lib/errors';

// What every server action returns. Client-safe: forms read `fieldErrors` and `message` from it.

export type ActionSuccess<T> = { ok: true; data: T };
export type ActionFailure = { ok: false; code: ErrorCode; message: string; fieldErrors: FieldErrors };
export type ActionResult<T> = ActionSuccess<T> | ActionFailure;

export function success<T>(data: T): ActionSuccess<T> {
  return { ok: true, data };
}

export function failure(code: ErrorCode, message?: string, fieldErrors: FieldErrors = {}): ActionFailure {
  return { ok: false, code, message: message ?? DEFAULT_ERROR_MESSAGES[code], fieldErrors };
}

/** The first message for a field, for an input's error text. */
export function fieldError(result: ActionResult<unknown> | null | undefined, field: string): string | undefined {
  return result && !result.ok ? result.fieldErrors[field]?.[0] : undefined;
}
