// The error body of API-REFERENCE §8: { status, error, code, message, timestamp, path, errors: [{field, message}] }.
import { STATUS_CODES } from 'node:http';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export const validationError = (errors: FieldError[]) =>
  new ApiError(400, 'VALIDATION_ERROR', `Validation failed: ${errors.map((e) => e.field).join(', ')}`, errors);

export const notFound = (what: string, id: string | number) => new ApiError(404, 'NOT_FOUND', `${what} ${id} not found`);

export const notAllowed = (message: string) => new ApiError(409, 'ACTION_NOT_ALLOWED', message);

export function errorBody(error: ApiError, path: string, now: Date) {
  return {
    status: error.status,
    error: STATUS_CODES[error.status] ?? 'Error',
    code: error.code,
    message: error.message,
    timestamp: now.toISOString(),
    path,
    errors: error.errors,
  };
}
