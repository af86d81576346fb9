'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { enqueueJob } from '@/lib/jobs/queue';
import { RECONCILE_JOB } from './jobs';
import { setReconcileCursor } from './reconcile';

// Settings → Sync health: "resync from date" (ADMIN). Sets the reconcile cursor back and enqueues a
// pass from there at once; the pass and the recurring ones after it list THC from that date.

const resyncSchema = z.object({
  from: z.iso
    .date({ error: 'Enter a date' })
    // A non-date already has its message; only a real date can be in the future.
    .refine((d) => !(Date.parse(`${d}T00:00:00Z`) > Date.now()), 'The date must not be in the future'),
});

export const resyncTransactionsAction = defineAction({
  name: 'transactions.resync',
  permission: 'settings.manage',
  schema: resyncSchema,
  async run({ from }) {
    const at = new Date(`${from}T00:00:00Z`);
    await setReconcileCursor(at);
    const jobId = await enqueueJob(RECONCILE_JOB, { from: at.toISOString() }, { singletonKey: `resync:${at.toISOString()}` });
    return { from: at.toISOString(), queued: jobId !== null };
  },
  audit: ({ from }, _data, { user }) => ({
    action: 'transactions.resync',
    summary: `${user.name} asked for transactions to be synced again from ${from}.`,
    targetType: 'Setting',
    targetId: 'transactions.reconcile.cursor',
    after: { from },
  }),
  revalidate: ['/settings'],
});
