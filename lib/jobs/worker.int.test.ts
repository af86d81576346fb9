import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from './define-job';
import { enqueueJob, stopJobProducer } from './queue';
import { startWorker, type RunningWorker } from './worker';

// Real pg-boss on the test PostgreSQL: two worker instances (two pools, as two processes would
// have) share one queue, and every job runs exactly once.

const running: RunningWorker[] = [];
afterAll(async () => {
  await Promise.all(running.map((w) => w.stop(5_000)));
  await stopJobProducer();
});

const quiet = () => {};

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

describe('worker', () => {
  it('two workers process N jobs exactly N times', async () => {
    const runs = new Map<number, string[]>();
    const job = defineJob({
      name: `test.once.${randomUUID().slice(0, 8)}`,
      schema: z.object({ n: z.number().int() }),
      handler: async ({ n }) => {
        await sleep(Math.random() * 20);
        const list = runs.get(n) ?? [];
        list.push(workerOf.get(n) ?? '?');
        runs.set(n, list);
      },
      options: { concurrency: 3, pollingIntervalSeconds: 0.5 },
    });
    const workerOf = new Map<number, string>();
    // Which instance ran a job: wrap the handler per instance.
    const forInstance = (label: string) => ({
      ...job,
      handler: async (data: { n: number }, ctx: Parameters<typeof job.handler>[1]) => {
        workerOf.set(data.n, label);
        return job.handler(data, ctx);
      },
    });
    const a = await startWorker({ jobs: [forInstance('a')], log: quiet });
    running.push(a);
    const b = await startWorker({ jobs: [forInstance('b')], log: quiet });
    running.push(b);

    const N = 60;
    const ids = await a.boss.insert(job.name, Array.from({ length: N }, (_, n) => ({ data: { n } })), { returnId: true });
    expect(ids === null || ids.length === N).toBe(true);

    await until(() => runs.size === N, 30_000);
    // Give a duplicate the time it would need to show up.
    await sleep(2_000);
    expect(runs.size).toBe(N);
    for (const [, list] of runs) expect(list).toHaveLength(1);
    const byInstance = new Set([...runs.values()].flat());
    // Both instances took part (60 jobs, 3 slots each, 20 ms per job).
    expect(byInstance).toEqual(new Set(['a', 'b']));
  });

  it('retries a failing job and then stops', async () => {
    let attempts = 0;
    const job = defineJob({
      name: `test.retry.${randomUUID().slice(0, 8)}`,
      schema: z.object({}),
      handler: async () => {
        attempts++;
        throw new Error('always fails');
      },
      options: { retryLimit: 1, retryDelaySeconds: 0, pollingIntervalSeconds: 0.5 },
    });
    const w = await startWorker({ jobs: [job], log: quiet });
    running.push(w);
    await w.boss.send(job.name, {});
    await until(() => attempts >= 2, 20_000);
    await sleep(1_500);
    expect(attempts).toBe(2);
  });

  it('runs a recurring job once per interval, however many workers tick', async () => {
    let runs = 0;
    const job = defineJob({
      name: `test.every.${randomUUID().slice(0, 8)}`,
      schema: z.object({}).loose(),
      handler: async () => {
        runs++;
      },
      options: { policy: 'stately', everySeconds: 1, pollingIntervalSeconds: 0.5, retryLimit: 0 },
    });
    const workers = await Promise.all([startWorker({ jobs: [job], log: quiet }), startWorker({ jobs: [job], log: quiet })]);
    running.push(...workers);
    await sleep(5_200);
    await Promise.all(workers.map((w) => w.stop(2_000)));
    // Two workers tick every second: one job per one-second slot, not two (~5 in 5 s; 10 if doubled).
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(7);
  });

  it('enqueueJob refuses an unknown job and a payload its schema rejects', async () => {
    await expect(enqueueJob('no.such.job', {})).rejects.toThrow(/unknown job/);
    // approvals.sync takes an object; a string is not one.
    await expect(enqueueJob('approvals.sync', 'nonsense')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('enqueueJob puts a registered job on its queue, once per singleton key', async () => {
    const key = randomUUID();
    const first = await enqueueJob('approvals.sync', {}, { singletonKey: key, startAfter: 3600 });
    expect(first).toEqual(expect.any(String));
    // stately queue: one waiting job per key.
    const second = await enqueueJob('approvals.sync', {}, { singletonKey: key, startAfter: 3600 });
    expect(second).toBeNull();
  });
});
