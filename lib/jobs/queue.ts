import 'server-only';
import type { PgBoss } from 'pg-boss';
import { AppError } from '@/lib/errors';
import { startBoss, ensureQueue } from './boss';

// Enqueueing from server actions and route handlers: one producer pg-boss per process, started on
// first use and kept on globalThis so Next's dev reloads do not open a new pool each time.

interface ProducerState {
  boss?: Promise<PgBoss>;
  queues: Set<string>;
}

const globalForJobs = globalThis as unknown as { sparadosJobs?: ProducerState };
const state: ProducerState = (globalForJobs.sparadosJobs ??= { queues: new Set() });

async function producer(): Promise<PgBoss> {
  state.boss ??= (async () => {
    return startBoss({ role: 'producer' });
  })().catch((error: unknown) => {
    state.boss = undefined;
    throw error;
  });
  return state.boss;
}

export interface EnqueueOptions {
  /** At most one job with this key waits in the queue at a time (pg-boss singleton). */
  singletonKey?: string;
  /** Run no earlier than this date, or this many seconds from now. */
  startAfter?: Date | number;
}

/**
 * Puts a job on its queue; returns the job id, or null when a job with the same singleton key is
 * already waiting (the existing one will do the work). The payload is checked against the job's
 * schema here so a bad payload fails in the request that made it, not later in the worker.
 */
export async function enqueueJob(name: string, data: unknown, options: EnqueueOptions = {}): Promise<string | null> {
  // Loaded on demand: job modules import this file to enqueue follow-ups, and the registry imports them.
  const { findJob } = await import('./registry');
  const job = findJob(name);
  if (!job) throw new Error(`unknown job "${name}": add it to lib/jobs/registry.ts`);
  const parsed = job.schema.safeParse(data);
  if (!parsed.success) throw new AppError('VALIDATION', `Job ${name}: ${parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => `${i.path.map(String).join('.') || 'data'} ${i.message}`).join('; ')}`);

  const boss = await producer();
  if (!state.queues.has(name)) {
    await ensureQueue(boss, job);
    state.queues.add(name);
  }
  return boss.send(name, (parsed.data ?? {}) as object, {
    ...(options.singletonKey !== undefined && { singletonKey: options.singletonKey }),
    ...(options.startAfter !== undefined && { startAfter: options.startAfter }),
  });
}

/** Stops the producer (scripts and tests; a web process keeps it for its lifetime). */
export async function stopJobProducer(): Promise<void> {
  const pending = state.boss;
  state.boss = undefined;
  state.queues.clear();
  if (pending) await (await pending).stop({ graceful: false, close: true });
}
