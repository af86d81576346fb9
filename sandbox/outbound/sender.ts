// Outbound calls (transaction events, 3DS OTP, wallet) with the Verestro client certificate and the retry schedule.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { Store } from '../store/store';
import type { DeliveryKind, PendingDelivery } from '../store/types';
import { newUuid } from '../domain/ids';
import { MAX_ATTEMPTS, isRetryable, retryDelayMs } from './schedule';

export interface OutboundOptions {
  certFile: string;
  keyFile: string;
  caFile?: string;
  retryScale: number;
  timeoutMs: number;
  log: (line: string) => void;
}

export class OutboundSender {
  private readonly agent: Agent;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: OutboundOptions,
  ) {
    this.agent = new Agent({
      connect: {
        cert: readFileSync(options.certFile),
        key: readFileSync(options.keyFile),
        ...(options.caFile ? { ca: readFileSync(options.caFile) } : {}),
      },
      keepAliveTimeout: 4_000,
    });
  }

  send(kind: DeliveryKind, url: string, body: unknown): void {
    const pending: PendingDelivery = { id: newUuid(), kind, url, body, attempts: 0, nextAt: Date.now() };
    this.store.pendingDeliveries.set(pending.id, pending);
    this.store.changed();
    this.schedule(pending);
  }

  /** After a restart: pick up the calls that were waiting for a retry. */
  resume(): void {
    for (const pending of this.store.pendingDeliveries.values()) this.schedule(pending);
  }

  /** After a reset: the store forgot its pending calls, so must we. */
  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelAll();
    await Promise.allSettled([...this.inFlight]);
    await this.agent.close();
  }

  private schedule(pending: PendingDelivery): void {
    if (this.closed) return;
    const delay = Math.max(0, pending.nextAt - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(pending.id);
      const run = this.attempt(pending).finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }, delay);
    timer.unref();
    this.timers.set(pending.id, timer);
  }

  private async attempt(pending: PendingDelivery): Promise<void> {
    if (this.store.pendingDeliveries.get(pending.id) !== pending) return; // reset meanwhile
    pending.attempts += 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await request(pending.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pending.body),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.statusCode;
      await response.body.dump();
      if (status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = describeError(e);
    }
    if (this.store.pendingDeliveries.get(pending.id) !== pending) return; // reset while the call was on its way
    this.store.deliveries.push({
      kind: pending.kind,
      url: pending.url,
      body: pending.body,
      attempt: pending.attempts,
      status,
      error,
      at: new Date().toISOString(),
    });
    const delay = error !== null && isRetryable(status) ? retryDelayMs(pending.attempts, this.options.retryScale) : null;
    if (delay === null) {
      this.store.pendingDeliveries.delete(pending.id);
      if (error !== null) {
        const why = isRetryable(status) ? `dismissed after ${MAX_ATTEMPTS} attempts` : 'not retried';
        this.options.log(`outbound ${pending.kind} to ${pending.url}: ${error}, ${why}`);
      }
    } else {
      pending.nextAt = Date.now() + delay;
      this.schedule(pending);
    }
    this.store.changed();
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const name = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : undefined;
    const code = (e as { code?: string }).code ?? (e.cause as { code?: string } | undefined)?.code;
    if (name) return name;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
    return code ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
