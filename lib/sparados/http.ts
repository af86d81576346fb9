import 'server-only';
import { randomUUID } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { SparadosError, errorFromResponse } from './errors';
import type { HttpMethod } from './endpoints';

// One HTTP attempt: no retries here (call.ts decides), but every failure becomes a SparadosError
// that says whether the request may have reached Sparados.

export interface Attempt {
  endpoint: string;
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  dispatcher: Dispatcher;
}

export interface AttemptResult {
  status: number;
  requestId: string;
  text: string;
}

/** undici's request timers have a resolution of about a second; below that we keep our own. */
const PRECISE_TIMEOUT_BELOW_MS = 2_000;

// Failures before a single byte of the request could have been processed: safe to resend a write.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}

/** A refused or unverifiable certificate is a configuration problem: retrying will not help. */
function isTlsFailure(code: string): boolean {
  return (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}

export async function sendOnce(attempt: Attempt): Promise<AttemptResult> {
  const requestId = attempt.headers['x-request-id'] ?? randomUUID();
  attempt.headers['x-request-id'] = requestId;
  // undici's own timers bound the wait for the answer and for each body chunk: cheaper than an
  // abort signal per call (bench/client.ts). They tick about once a second, though, so a short
  // timeout (tests, deadlines nearly spent) gets a precise timer of its own.
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  let signal = attempt.signal;
  if (attempt.timeoutMs <= PRECISE_TIMEOUT_BELOW_MS) {
    const controller = new AbortController();
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, attempt.timeoutMs);
    signal = attempt.signal ? AbortSignal.any([attempt.signal, controller.signal]) : controller.signal;
  }
  try {
    const response = await request(attempt.url, {
      method: attempt.method,
      headers: attempt.headers,
      body: attempt.body,
      dispatcher: attempt.dispatcher,
      signal,
      headersTimeout: attempt.timeoutMs,
      bodyTimeout: attempt.timeoutMs,
    });
    const text = await response.body.text();
    const answeredId = response.headers['x-request-id'];
    const id = typeof answeredId === 'string' && answeredId ? answeredId : requestId;
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw errorFromResponse(attempt.endpoint, response.statusCode, text, id);
    }
    return { status: response.statusCode, requestId: id, text };
  } catch (error) {
    if (error instanceof SparadosError) throw error;
    const base = { endpoint: attempt.endpoint, requestId, cause: error };
    if (attempt.signal?.aborted) {
      throw new SparadosError({ ...base, kind: 'cancelled', message: `${attempt.endpoint}: cancelled by the caller` });
    }
    const code = errorCode(error);
    if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      throw new SparadosError({ ...base, kind: 'timeout', message: `${attempt.endpoint}: no answer within ${attempt.timeoutMs} ms` });
    }
    if (isTlsFailure(code)) {
      throw new SparadosError({
        ...base,
        kind: 'tls',
        sent: false,
        code,
        message: `${attempt.endpoint}: TLS failure (${code}): check the client certificate, key and CA`,
      });
    }
    // TLS 1.3 servers refuse a client certificate after the handshake, so a refusal looks exactly
    // like a dropped connection; the hint saves an afternoon when it is the certificate.
    const hint = code === 'UND_ERR_SOCKET' ? '; if this repeats, Sparados may be refusing the client certificate (wrong environment or CA)' : '';
    throw new SparadosError({
      ...base,
      kind: 'network',
      sent: !NOT_SENT_CODES.has(code),
      code: code || null,
      message: `${attempt.endpoint}: connection failed${code ? ` (${code})` : ''}${hint}`,
    });
  } finally {
    if (timer) clearTimeout(timer);
  }
}
