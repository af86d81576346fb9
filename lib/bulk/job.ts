import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { defineJob } from '@/lib/jobs/define-job';
import { processBulkImport } from './process';
import { settleCheckingRows } from './settle';

// The background job of a confirmed CSV import. Rows carry their own results, so a retry (worker
// restart, crash) resumes with the rows still PENDING; their keys make any half-done row safe.

export const BULK_IMPORT_JOB = 'bulk-import';

export const bulkImportJob = defineJob({
  name: BULK_IMPORT_JOB,
  schema: z.object({ importId: z.uuid() }),
  handler: async ({ importId }, { signal }) => {
    try {
      return await processBulkImport(importId, { signal });
    } catch (error) {
      await db.bulkImport.update({ where: { id: importId }, data: { error: error instanceof Error ? error.message : String(error) } }).catch(() => undefined);
      throw error;
    }
  },
  options: { retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 1800, concurrency: 2 },
});

/** Copies what the reconciler learned onto CHECKING rows, and what a second person decided onto WAITING rows; every minute. */
export const bulkSettleJob = defineJob({
  name: 'bulk-settle',
  schema: z.object({}).loose(),
  handler: async () => settleCheckingRows(),
  options: { policy: 'stately', cron: '* * * * *', retryLimit: 0, expireInSeconds: 600 },
});
