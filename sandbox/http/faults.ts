// Injected failures (`/_sandbox/faults`): status codes, timeouts, connection resets, latency, and a
// Sparados that ignores `X-Idempotency-Key` (the exactly-once tests must hold without it).
import { z } from 'zod';
import { parseOrThrow } from '../domain/validation';
import { newUuid } from '../domain/ids';

export interface Fault {
  id: string;
  match: { method: string | null; path: string | null };
  /** `ignore_idempotency`: the request is handled as if it carried no key (no replay, nothing remembered). */
  mode: 'status' | 'timeout' | 'reset' | 'latency' | 'ignore_idempotency';
  status: number;
  latencyMs: number;
  /** Applications left; null = unlimited. */
  times: number | null;
  probability: number;
  /** `after`: the request is processed, then its response fails (the "did it happen?" case). */
  phase: 'before' | 'after';
  applied: number;
}

const faultSchema = z
  .object(
    {
      match: z
        .object({
          method: z.string({ error: 'must be an HTTP method' }).regex(/^[A-Za-z]+$/, 'must be an HTTP method').optional(),
          path: z
            .string({ error: 'must be a regular expression' })
            .refine((p) => {
              try {
                new RegExp(p);
                return true;
              } catch {
                return false;
              }
            }, 'is not a valid regular expression')
            .optional(),
        })
        .optional(),
      mode: z.enum(['status', 'timeout', 'reset', 'latency', 'ignore_idempotency'], { error: 'must be status, timeout, reset, latency or ignore_idempotency' }),
      status: z.int({ error: 'must be an HTTP status code' }).min(100).max(599).optional(),
      latencyMs: z.int({ error: 'must be an integer of milliseconds' }).min(0).max(600_000).optional(),
      times: z.int({ error: 'must be a positive integer' }).min(1).optional(),
      probability: z.number({ error: 'must be a number between 0 and 1' }).gt(0).max(1).optional(),
      phase: z.enum(['before', 'after'], { error: 'must be before or after' }).optional(),
    },
    { error: 'must be a JSON object' },
  )
  .refine((f) => f.mode !== 'latency' || f.latencyMs !== undefined, { path: ['latencyMs'], message: 'is required for mode latency' });

export interface FaultDecision {
  latencyMs: number;
  terminal: Fault | null;
  /** Handle the request as if it had no X-Idempotency-Key. */
  ignoreIdempotency: boolean;
}

/** Modes that change how a request is handled without ending it. */
const NON_TERMINAL = new Set<Fault['mode']>(['latency', 'ignore_idempotency']);

export class FaultTable {
  private faults: Fault[] = [];

  add(body: unknown): Fault {
    const input = parseOrThrow(faultSchema, body);
    const fault: Fault = {
      id: newUuid(),
      match: { method: input.match?.method?.toUpperCase() ?? null, path: input.match?.path ?? null },
      mode: input.mode,
      status: input.status ?? 503,
      latencyMs: input.latencyMs ?? 0,
      times: input.times ?? null,
      probability: input.probability ?? 1,
      phase: input.phase ?? 'before',
      applied: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /** Latency faults add up; the first matching status/timeout/reset fault decides the outcome. */
  decide(method: string, path: string, phase: 'before' | 'after', random: () => number = Math.random): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, terminal: null, ignoreIdempotency: false };
    for (const fault of this.faults) {
      if (fault.phase !== phase) continue;
      if (fault.match.method && fault.match.method !== method) continue;
      if (fault.match.path && !new RegExp(fault.match.path).test(path)) continue;
      if (!NON_TERMINAL.has(fault.mode) && decision.terminal) continue;
      if (fault.probability < 1 && random() >= fault.probability) continue;
      fault.applied++;
      if (fault.times !== null) fault.times--;
      if (fault.mode === 'latency') decision.latencyMs += fault.latencyMs;
      else if (fault.mode === 'ignore_idempotency') decision.ignoreIdempotency = true;
      else decision.terminal = fault;
    }
    this.faults = this.faults.filter((f) => f.times === null || f.times > 0);
    return decision;
  }
}
