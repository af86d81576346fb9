// `npm run worker`: the background job process (issue 5). Runs every job of lib/jobs/registry.ts
// from PostgreSQL (pg-boss), including the recurring approval sync and the operation reconciler.
// Any number can run; each job still runs once. SIGTERM/SIGINT: finish running jobs, then exit.
import { closeSparadosAgents } from '@/lib/sparados';
import { getEnv } from '@/lib/env';
import { allJobs } from '@/lib/jobs/registry';
import { startWorker } from '@/lib/jobs/worker';
import { assertNotifierAllowed } from '@/lib/notify';

async function main(): Promise<void> {
  const env = getEnv();
  // The worker hands one-time codes to the notifier: a notifier refused here stops it before any job runs.
  assertNotifierAllowed(env);
  const worker = await startWorker({ jobs: allJobs() });
  console.log(`Worker ready (sync every ${env.SYNC_INTERVAL_SECONDS} s, jobs schema "${env.JOBS_SCHEMA}")`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Worker stopping (${signal}): waiting for running jobs…`);
    try {
      await worker.stop(25_000);
      await closeSparadosAgents();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
