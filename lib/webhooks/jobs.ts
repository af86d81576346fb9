import 'server-only';
import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { defineJob } from '@/lib/jobs/define-job';
import { drainInbox } from './process-inbox';
import { reconcileTransactions, recordReconcileFailure } from './reconcile';

// The worker's two jobs for transactions (docs/decisions/080, 083). Both are recurring and stately:
// one waiting and one running at most, so ticks never pile up behind a slow pass.

export const INBOX_JOB = 'webhooks.inbox';
export const RECONCILE_JOB = 'transactions.reconcile';

/** Drains the inbox every second; a pass stops after 20 s and the next tick continues. */
export const webhookInboxJob = defineJob({
  name: INBOX_JOB,
  schema: z.object({}),
  handler: (_data, { signal }) => drainInbox({ signal }),
  options: { policy: 'stately', everySeconds: 1, pollingIntervalSeconds: 0.5, retryLimit: 0, expireInSeconds: 120 },
});

export const reconcileTransactionsJob = defineJob({
  name: RECONCILE_JOB,
  // `from`: the "resync from date" action; the recurring runs start from the cursor.
  schema: z.object({ from: z.iso.datetime().optional() }),
  handler: async ({ from }, { signal }) => {
    try {
      return await reconcileTransactions({ from: from ? new Date(from) : undefined, signal });
    } catch (error) {
      await recordReconcileFailure(error);
      throw error;
    }
  },
  options: { policy: 'stately', everySeconds: () => getEnv().TRANSACTIONS_RECONCILE_SECONDS, retryLimit: 1, retryDelaySeconds: 30, expireInSeconds: 600 },
});
