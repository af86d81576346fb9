import 'server-only';
import { setMaxListeners } from 'node:events';
import type { PgBoss } from 'pg-boss';
import { startBoss, ensureQueue } from './boss';
import { recurringInterval, type AnyJobDefinition } from './define-job';

// The worker process's engine, free of process signals so tests can run two of them side by side.
// pg-boss claims each job with SELECT … FOR UPDATE SKIP LOCKED, so however many workers poll a
// queue, a job is handed to one of them (docs/decisions/060-jobs-on-pg-boss.md).

export interface WorkerOptions {
  jobs: readonly AnyJobDefinition[];
  connectionString?: string;
  schema?: string;
  log?: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Stops taking jobs, lets running ones finish (up to timeoutMs), closes the pool. */
  stop(timeoutMs?: number): Promise<void>;
}

function defaultLog(level: 'info' | 'warn' | 'error', message: string, details: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, at: new Date().toISOString(), message, ...details });
  if (level === 'error') console.error(line);
  else console.log(line);
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? defaultLog;
  const boss = await startBoss({ role: 'worker', connectionString: options.connectionString, schema: options.schema });
  const timers: NodeJS.Timeout[] = [];
  let stopping = false;

  for (const job of options.jobs) {
    await ensureQueue(boss, job);
    const o = job.options ?? {};
    await boss.work<unknown>(
      job.name,
      { batchSize: 1, localConcurrency: o.concurrency ?? 1, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 1 },
      async ([raw]) => {
        if (!raw) return;
        const started = performance.now();
        const parsed = job.schema.safeParse(raw.data ?? {});
        if (!parsed.success) {
          // A payload that cannot be read will not become readable on retry: fail it once, loudly.
          log('error', 'job payload invalid', { job: job.name, jobId: raw.id, issues: parsed.error.issues.slice(0, 3) });
          throw new Error(`invalid payload for ${job.name}`);
        }
        // A job's signal goes to every Sparados call it makes, several at once (undici listens on it
        // per request in flight): more than Node's default of 10 listeners is expected, not a leak.
        if (raw.signal) setMaxListeners(100, raw.signal);
        try {
          const result = await job.handler(parsed.data, { jobId: raw.id, retryCount: raw.retryCount, signal: raw.signal });
          const ms = Math.round(performance.now() - started);
          if (ms > 1000) log('info', 'job done', { job: job.name, jobId: raw.id, ms });
          return result;
        } catch (error) {
          log('error', 'job failed', { job: job.name, jobId: raw.id, retryCount: raw.retryCount, detail: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      },
    );

    const every = recurringInterval(job);
    if (every !== null) {
      // pg-boss cron has minute resolution; sub-minute recurrence is a throttled send from every
      // worker: one job per interval slot whichever worker sends first.
      const tick = () => {
        if (stopping) return;
        boss.sendThrottled(job.name, (o.recurringData ?? {}) as object, null, every).catch((error: Error) =>
          log('warn', 'could not enqueue recurring job', { job: job.name, detail: error.message }),
        );
      };
      tick();
      timers.push(setInterval(tick, every * 1000));
    }
    if (o.cron) await boss.schedule(job.name, o.cron, (o.recurringData ?? {}) as object);
  }
  log('info', 'worker started', { jobs: options.jobs.map((j) => j.name) });

  return {
    boss,
    async stop(timeoutMs = 30_000) {
      if (stopping) return;
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      await boss.stop({ graceful: true, close: true, timeout: timeoutMs });
      log('info', 'worker stopped');
    },
  };
}
