import 'server-only';
import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { defineJob } from '@/lib/jobs/define-job';
import { syncApprovals } from './sync';

export const syncApprovalsJob = defineJob({
  name: 'approvals.sync',
  schema: z.object({}).loose(),
  handler: async (_data, { signal }) => syncApprovals({ signal }),
  options: {
    // One waiting and one running at most: a slow pass never piles up runs behind it.
    policy: 'stately',
    everySeconds: () => getEnv().SYNC_INTERVAL_SECONDS,
    // The next tick is the retry.
    retryLimit: 0,
    expireInSeconds: 600,
  },
});
