import 'server-only';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { BaseUrls } from './config';
import { ENDPOINTS, buildPath, buildUrl, type EndpointName, type QueryValue } from './endpoints';
import { SparadosError, isSparadosError } from './errors';
import { sendOnce, type AttemptResult } from './http';
import { log, logEnabled } from './log';
import { DEFAULT_RETRY_POLICY, backoffDelay, canRetry, classifyWriteFailure, shouldRetryRead, type RetryPolicy } from './retry';

// The retry loops. Reads: retry transient failures with jittered backoff until attempts or the
// deadline run out. Writes: one idempotency key for every attempt; after a failure that may have
// been applied, read Sparados before sending again (docs/decisions/040-sparados-retries.md).

export interface CallOptions {
  signal?: AbortSignal;
  /** Per attempt; defaults to SPARADOS_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Whole call including retries; defaults to the policy's deadlineMs. */
  deadlineMs?: number;
  /** Absolute deadline (epoch ms); wins over deadlineMs. Used to share one deadline across calls. */
  deadlineAt?: number;
  retry?: Partial<RetryPolicy>;
  /** Writes only: reuse a key recorded earlier (e.g. a pending operation) instead of a fresh one. */
  idempotencyKey?: string;
  /**
   * Writes only: this is a replay of an earlier attempt whose outcome was never learned. Sparados is
   * read first and the write is sent only when the read shows it was not applied, so a lost answer is
   * never applied twice even where Sparados ignores the idempotency key. `ifUnsure` says what to do when
   * the read cannot tell: `stop` (refuse, nothing sent) or `send` (trust the key; see decision 061).
   */
  replay?: { ifUnsure: 'send' | 'stop' };
}

export interface RequestSpec {
  endpoint: EndpointName;
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The context a verification read runs in: the write's own signal and deadline. */
export interface VerifyContext {
  signal?: AbortSignal;
  deadlineAt: number;
}

export type VerifyOutcome<T> = { applied: true; result: T } | { applied: false } | { applied: 'unknown'; reason: string };

export interface WriteVerifier<T, B> {
  /** Read before the first attempt (e.g. the budget before a top-up); its value goes to `check`. */
  prepare: (context: VerifyContext) => Promise<B>;
  /** After an attempt with an unknown outcome: was it applied? */
  check: (baseline: B, context: VerifyContext) => Promise<VerifyOutcome<T>>;
}

export interface TransportOptions {
  baseUrls: BaseUrls;
  dispatcher: Dispatcher;
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Asked before a call is sent (not before a replay settles an earlier attempt): throws to refuse it.
   * The panel's client refuses Full API calls under a Simple contract (lib/sparados/contract.ts).
   */
  guard?: (endpoint: EndpointName, body: unknown) => Promise<void>;
}

export class SparadosTransport {
  private readonly policy: RetryPolicy;

  constructor(private readonly options: TransportOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  get baseUrls(): BaseUrls {
    return this.options.baseUrls;
  }

  get dispatcher(): Dispatcher {
    return this.options.dispatcher;
  }

  private plan(options: CallOptions) {
    const policy = options.retry ? { ...this.policy, ...options.retry } : this.policy;
    const deadlineAt = options.deadlineAt ?? Date.now() + (options.deadlineMs ?? policy.deadlineMs);
    return { policy, deadlineAt, timeoutMs: options.timeoutMs ?? this.options.timeoutMs };
  }

  private attempt(spec: RequestSpec, timeoutMs: number, deadlineAt: number, signal: AbortSignal | undefined, idempotencyKey?: string): Promise<AttemptResult> {
    const endpoint = ENDPOINTS[spec.endpoint];
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) {
      throw new SparadosError({ kind: 'deadline', endpoint: spec.endpoint, message: `${spec.endpoint}: deadline passed`, sent: false });
    }
    const headers: Record<string, string> = spec.headers ? { accept: 'application/json', ...spec.headers } : { accept: 'application/json' };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    if (idempotencyKey) headers['x-idempotency-key'] = idempotencyKey;
    const debug = logEnabled('debug');
    const started = debug ? performance.now() : 0;
    const sent = sendOnce({
      endpoint: spec.endpoint,
      method: endpoint.method,
      url: buildUrl(this.options.baseUrls[endpoint.api], buildPath(endpoint.path, spec.params), spec.query),
      headers,
      body,
      timeoutMs: Math.min(timeoutMs, remaining),
      signal,
      dispatcher: this.options.dispatcher,
    });
    // The promise goes back as is when debug is off: no clock reads and no extra await per call.
    return debug ? logged(spec.endpoint, sent, started) : sent;
  }

  private async backoff(spec: RequestSpec, policy: RetryPolicy, attempt: number, deadlineAt: number, error: SparadosError, signal?: AbortSignal): Promise<boolean> {
    const delay = backoffDelay(policy, attempt);
    if (!canRetry(policy, attempt, delay, Date.now(), deadlineAt)) return false;
    log('warn', 'retry', {
      endpoint: spec.endpoint,
      attempt,
      kind: error.kind,
      status: error.status,
      requestId: error.requestId,
      idempotencyKey: error.idempotencyKey,
      delayMs: delay,
    });
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      throw new SparadosError({ kind: 'cancelled', endpoint: spec.endpoint, message: `${spec.endpoint}: cancelled by the caller`, sent: error.sent });
    }
    return true;
  }

  async read<T>(spec: RequestSpec, parse: (json: unknown) => T, options: CallOptions = {}): Promise<T> {
    if (this.options.guard) await this.options.guard(spec.endpoint, spec.body);
    const { policy, deadlineAt, timeoutMs } = this.plan(options);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.attempt(spec, timeoutMs, deadlineAt, options.signal);
        return parseBody(spec.endpoint, result, parse);
      } catch (error) {
        if (!isSparadosError(error)) throw error;
        error.attempts = attempt;
        if (!shouldRetryRead(error) || !(await this.backoff(spec, policy, attempt, deadlineAt, error, options.signal))) {
          // A 4xx is an answer the caller handles; only giving up on a transient failure is worth a warning.
          log(error.isTransient || error.kind === 'deadline' ? 'warn' : 'debug', 'failed', {
            endpoint: spec.endpoint,
            attempts: attempt,
            kind: error.kind,
            status: error.status,
            requestId: error.requestId,
          });
          throw error;
        }
      }
    }
  }

  async write<T, B>(spec: RequestSpec, parse: (json: unknown) => T, verifier: WriteVerifier<NoInfer<T>, B> | null, options: CallOptions = {}): Promise<T> {
    if (this.options.guard && !options.replay) await this.options.guard(spec.endpoint, spec.body);
    const { policy, deadlineAt, timeoutMs } = this.plan(options);
    const idempotencyKey = options.idempotencyKey ?? randomUUID();
    const context: VerifyContext = { signal: options.signal, deadlineAt };
    const baseline = verifier ? await verifier.prepare(context) : (undefined as B);
    if (options.replay && verifier) {
      const before = await verifier.check(baseline, context);
      if (before.applied === true) {
        log('info', 'replay_found_applied', { endpoint: spec.endpoint, idempotencyKey });
        return before.result;
      }
      if (before.applied === 'unknown' && options.replay.ifUnsure === 'stop') {
        throw new SparadosError({
          kind: 'unexpected_state',
          endpoint: spec.endpoint,
          sent: false,
          idempotencyKey,
          message: `Not sent again: ${before.reason}. Sparados may or may not have applied the first attempt; check it there.`,
        });
      }
    }
    // True while some attempt may have been applied without us knowing.
    let uncertain = false;
    for (let attempt = 1; ; attempt++) {
      let failure: SparadosError;
      try {
        const result = await this.attempt(spec, timeoutMs, deadlineAt, options.signal, idempotencyKey);
        return parseBody(spec.endpoint, result, parse);
      } catch (error) {
        if (!isSparadosError(error)) throw error;
        failure = withKey(error, idempotencyKey, attempt);
      }
      const action = classifyWriteFailure(failure);
      if (action === 'fail') throw uncertain && failure.kind !== 'http' ? outcomeUnknown(spec, failure, idempotencyKey) : failure;
      if (action === 'verify') {
        uncertain = true;
        if (verifier) {
          const outcome = await this.verify(spec, verifier, baseline, context, failure, idempotencyKey);
          if (outcome.applied === true) {
            log('info', 'write_confirmed_by_read', { endpoint: spec.endpoint, attempt, idempotencyKey });
            return outcome.result;
          }
          if (outcome.applied === 'unknown') throw outcomeUnknown(spec, failure, idempotencyKey, outcome.reason);
          // Read says not applied: safe to send again, still with the same key in case it is in flight.
          uncertain = false;
        }
      }
      if (!(await this.backoff(spec, policy, attempt, deadlineAt, failure, options.signal))) {
        throw uncertain ? outcomeUnknown(spec, failure, idempotencyKey) : failure;
      }
    }
  }

  private async verify<T, B>(
    spec: RequestSpec,
    verifier: WriteVerifier<T, B>,
    baseline: B,
    context: VerifyContext,
    failure: SparadosError,
    idempotencyKey: string,
  ): Promise<VerifyOutcome<T>> {
    try {
      return await verifier.check(baseline, context);
    } catch (error) {
      if (isSparadosError(error) && error.kind === 'cancelled') throw error;
      throw outcomeUnknown(spec, failure, idempotencyKey, `the check read failed too (${isSparadosError(error) ? error.kind : 'error'})`);
    }
  }
}

async function logged(endpoint: EndpointName, sent: Promise<AttemptResult>, started: number): Promise<AttemptResult> {
  const result = await sent;
  log('debug', 'call', { endpoint, status: result.status, requestId: result.requestId, ms: Math.round(performance.now() - started) });
  return result;
}

function withKey(error: SparadosError, idempotencyKey: string, attempt: number): SparadosError {
  error.idempotencyKey = idempotencyKey;
  error.attempts = attempt;
  return error;
}

function outcomeUnknown(spec: RequestSpec, last: SparadosError, idempotencyKey: string, reason?: string): SparadosError {
  return new SparadosError({
    kind: 'outcome_unknown',
    endpoint: spec.endpoint,
    message:
      `${spec.endpoint}: Sparados may or may not have applied this change${reason ? ` (${reason})` : ''}. ` +
      `Retry with idempotency key ${idempotencyKey} or reconcile by reading.`,
    status: last.status,
    requestId: last.requestId,
    attempts: last.attempts,
    idempotencyKey,
    cause: last,
  });
}

function parseBody<T>(endpoint: string, result: { text: string; requestId: string; status: number }, parse: (json: unknown) => T): T {
  let json: unknown = null;
  if (result.text) {
    try {
      json = JSON.parse(result.text);
    } catch {
      throw new SparadosError({
        kind: 'invalid_response',
        endpoint,
        status: result.status,
        requestId: result.requestId,
        rawBody: result.text,
        message: `${endpoint}: the answer is not JSON`,
      });
    }
  }
  try {
    return parse(json);
  } catch (error) {
    const issues = (error as z.ZodError).issues;
    const detail = Array.isArray(issues) ? issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : String(error);
    throw new SparadosError({
      kind: 'invalid_response',
      endpoint,
      status: result.status,
      requestId: result.requestId,
      rawBody: result.text,
      message: `${endpoint}: unexpected answer shape (${detail})`,
      cause: error,
    });
  }
}
