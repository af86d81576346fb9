import 'server-only';
import { z } from 'zod';
import { APPROVAL_OPERATIONS } from '@/lib/approvals/operations';
import { CARDHOLDER_OPERATIONS } from '@/lib/cardholders/operations';
import { getEnv } from '@/lib/env';
import { defineJob } from '@/lib/jobs/define-job';
import { reconcileOperations } from './reconcile';

/** Every operation kind the reconciler can finish, by name. */
export const OPERATION_HANDLERS = { ...APPROVAL_OPERATIONS, ...CARDHOLDER_OPERATIONS };

export const reconcileOperationsJob = defineJob({
  name: 'operations.reconcile',
  schema: z.object({}).loose(),
  handler: async () => reconcileOperations({ handlers: OPERATION_HANDLERS, olderThanSeconds: getEnv().RECONCILE_AFTER_SECONDS }),
  options: { policy: 'stately', cron: '* * * * *', retryLimit: 0, expireInSeconds: 600 },
});
