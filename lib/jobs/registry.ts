import 'server-only';
import { syncApprovalsJob } from '@/lib/approvals/sync-job';
import { bulkImportJob, bulkSettleJob } from '@/lib/bulk/job';
import { reconcileOperationsJob } from '@/lib/operations/reconcile-job';
import { reconcileTransactionsJob, webhookInboxJob } from '@/lib/webhooks/jobs';
import type { AnyJobDefinition } from './define-job';

// Every background job the worker runs. A new job: define it with defineJob (import it from
// '@/lib/jobs/define-job' in the job's own module, not from here, to keep imports acyclic) and add it below.

export { defineJob, type JobDefinition, type JobContext, type JobOptions } from './define-job';

export function allJobs(): readonly AnyJobDefinition[] {
  return [syncApprovalsJob, reconcileOperationsJob, bulkImportJob, bulkSettleJob, webhookInboxJob, reconcileTransactionsJob];
}

export function findJob(name: string): AnyJobDefinition | undefined {
  return allJobs().find((job) => job.name === name);
}
