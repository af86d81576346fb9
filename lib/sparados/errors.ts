import { errorBodySchema } from './schemas/errors';

/**
 * Why a call failed:
 * - `http`: Sparados answered with a non-2xx status (see `status`, `code`, `fieldErrors`);
 * - `timeout`, `network`: no answer; `sent` tells whether the request may have reached Sparados;
 * - `tls`: the TLS handshake failed (certificate refused or not trusted): not retried;
 * - `invalid_request`: refused before sending (our input did not match the request schema);
 * - `invalid_response`: a 2xx whose body does not match even the tolerant schema;
 * - `outcome_unknown`: a write may or may not have been applied and reading did not settle it;
 * - `cancelled`: the caller's AbortSignal fired; `deadline`: the retry deadline passed;
 * - `unexpected_state`: what was awaited cannot happen any more (e.g. waitForCard on a CANCELED approval).
 */
export type SparadosErrorKind =
  | 'http'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'invalid_request'
  | 'invalid_response'
  | 'outcome_unknown'
  | 'cancelled'
  | 'deadline'
  | 'unexpected_state';

export interface FieldError {
  field: string;
  message: string;
}

export interface SparadosErrorInit {
  kind: SparadosErrorKind;
  message: string;
  endpoint: string;
  status?: number | null;
  code?: string | null;
  fieldErrors?: FieldError[];
  requestId?: string | null;
  rawBody?: string | null;
  /** False only when the request certainly never reached the server (e.g. connection refused). */
  sent?: boolean;
  attempts?: number;
  idempotencyKey?: string | null;
  cause?: unknown;
}

export class SparadosError extends Error {
  readonly kind: SparadosErrorKind;
  readonly endpoint: string;
  readonly status: number | null;
  readonly code: string | null;
  readonly fieldErrors: FieldError[];
  readonly requestId: string | null;
  /** The response body as received, for support tickets. Never logged (see log.ts). */
  readonly rawBody: string | null;
  readonly sent: boolean;
  attempts: number;
  idempotencyKey: string | null;

  constructor(init: SparadosErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SparadosError';
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.fieldErrors = init.fieldErrors ?? [];
    this.requestId = init.requestId ?? null;
    this.rawBody = init.rawBody ?? null;
    this.sent = init.sent ?? true;
    this.attempts = init.attempts ?? 1;
    this.idempotencyKey = init.idempotencyKey ?? null;
  }

  get isServerError(): boolean {
    return this.kind === 'http' && this.status !== null && this.status >= 500;
  }

  /** Transient failures worth another try: timeouts, connection errors, 5xx, 429. */
  get isTransient(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    return this.kind === 'http' && this.status !== null && (this.status >= 500 || this.status === 429);
  }
}

export function isSparadosError(error: unknown): error is SparadosError {
  return error instanceof SparadosError;
}

/** Builds the error of a non-2xx answer from its body, tolerating bodies that are not §8 JSON. */
export function errorFromResponse(endpoint: string, status: number, rawBody: string, requestId: string | null): SparadosError {
  let json: unknown;
  try {
    json = rawBody ? JSON.parse(rawBody) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  const body = parsed.success ? parsed.data : undefined;
  const message = body?.message || body?.error || `Sparados answered HTTP ${status}`;
  return new SparadosError({
    kind: 'http',
    endpoint,
    status,
    code: body?.code ?? null,
    message,
    fieldErrors: (body?.errors ?? []).map((e) => ({ field: e.field, message: e.message })),
    requestId,
    rawBody,
  });
}
