import type { z } from 'zod';

// A background job as data: its queue name, the zod schema of its payload (checked when enqueued
// and again when run, since a payload may outlive a deploy), its handler and how it is queued.
// Client-safe types only; the pg-boss wiring lives in queue.ts and worker.ts.

export type QueuePolicy = 'standard' | 'short' | 'singleton' | 'stately' | 'exclusive';

export interface JobOptions {
  /**
   * pg-boss queue policy. `stately` keeps at most one job waiting and one running (a recurring
   * sync must not pile up); `standard` (default) allows any number.
   */
  policy?: QueuePolicy;
  /** Attempts after the first one; pg-boss retries a throwing handler (default 2). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job running longer is considered dead and retried (default 15 minutes). */
  expireInSeconds?: number;
  /** Jobs this worker runs at once (default 1). */
  concurrency?: number;
  /** How often an idle worker looks for new jobs (default 1 s). */
  pollingIntervalSeconds?: number;
  /**
   * Recurring job: enqueued every N seconds while a worker runs. Two workers still run it once
   * per interval (throttled by pg-boss). Pass a function to read the interval from the environment.
   */
  everySeconds?: number | (() => number);
  /** Recurring job on a cron expression (minute resolution), kept by pg-boss's scheduler. */
  cron?: string;
  /** Payload of the recurring runs. */
  recurringData?: unknown;
}

export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the worker stops; long handlers should pass it on. */
  signal: AbortSignal;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  /** Queue name, e.g. "approvals.sync". Letters, digits, ".", "-", "_" only. */
  name: string;
  schema: S;
  handler: (data: z.output<S>, context: JobContext) => Promise<R>;
  options?: JobOptions;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

export function defineJob<S extends z.ZodType, R>(definition: JobDefinition<S, R>): JobDefinition<S, R> {
  if (!NAME.test(definition.name)) throw new Error(`job name "${definition.name}" may use letters, digits, ".", "-" and "_" only`);
  if (definition.options?.everySeconds !== undefined && definition.options.cron !== undefined) {
    throw new Error(`job ${definition.name}: choose everySeconds or cron, not both`);
  }
  return definition;
}

// `any` payload: a list of jobs with different schemas; each handler still gets its own parsed type.
export type AnyJobDefinition = JobDefinition<any, unknown>;

export function recurringInterval(job: AnyJobDefinition): number | null {
  const every = job.options?.everySeconds;
  if (every === undefined) return null;
  return typeof every === 'function' ? every() : every;
}
