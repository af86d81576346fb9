import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRuntime } from '@/lib/actions/run-action';
import { runApprovalOperation } from '@/lib/approvals/operations';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { stopJobProducer } from '@/lib/jobs/queue';
import { startWorker, type RunningWorker } from '@/lib/jobs/worker';
import { getSparadosClient } from '@/lib/sparados';
import { createTestUser } from '@/tests/support/users';
import { confirmBulkImport, uploadBulkCsv } from './actions';
import { bulkImportJob } from './job';
import { processBulkImport } from './process';
import { bulkReportRows, getBulkImport, getBulkProgress } from './queries';
import { settleCheckingRows } from './settle';
import { createBulkImport, markConfirmed } from './store';
import { reconcileLater } from '@/tests/support/reconcile';
import { admittedNewCard } from '@/tests/support/admission';

// Bulk CSV assignment against the real database and sandbox: preview with per-cell errors,
// processing through the assign/edit code, and a second run of the same file creating nothing.

let sandbox: SandboxHarness;
let operator: SessionUser;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  sandbox = await sandboxHarness();
  operator = await createTestUser('OPERATOR');
});
afterAll(async () => {
  await worker?.stop(5_000);
  await stopJobProducer();
  await sandbox.close();
});

const runtime = (user: SessionUser): ActionRuntime => ({ db, getUser: async () => user, getIp: async () => '198.51.100.10', logError: () => {} });
const year = new Date().getUTCFullYear() + 1;
const HEADER = 'operation,approvalId,email,phonePrefix,phoneNumber,totalAmount,startDate,endDate,timezone,limitGeneral,limitEcommerce,limitAtm,limitForeign,mccAllow,mccBlock,description,visualId,tags';

function assignLine(email: string, amount = '500.00', extra: Partial<Record<'limitAtm' | 'mccAllow' | 'tags', string>> = {}): string {
  return `assign,,${email},48,600200300,${amount},${year}-02-01,${year}-02-28,,300:weekly,,${extra.limitAtm ?? 'disabled'},,${extra.mccAllow ?? ''},,Bulk test,,${extra.tags ?? 'bulk'}`;
}

async function approvalsFor(emails: string[]) {
  const counts = new Map(emails.map((e) => [e, 0]));
  for await (const approval of getSparadosClient().iterateApprovals({ size: 500 })) {
    if (approval.user.email && counts.has(approval.user.email)) counts.set(approval.user.email, counts.get(approval.user.email)! + 1);
  }
  return Object.fromEntries(counts);
}

async function deliveredCard() {
  const key = randomUUID();
  const created = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body: sandbox.request() }, admission: await admittedNewCard(key) });
  await sandbox.control.redeem(created.result.id);
  return { approvalId: created.result.id, cardId: created.cardId! };
}

describe('bulk import', () => {
  it('previews per-cell errors, processes the good rows, and a second run of the same file creates nothing', async () => {
    const tag = randomUUID().slice(0, 8);
    const emails = [1, 2, 3].map((n) => `bulk-${tag}-${n}@int.test`);
    const card = await deliveredCard();
    const csv = [
      HEADER,
      assignLine(emails[0]),
      assignLine(emails[1], '950.50', { mccAllow: 'restaurants|4111', tags: 'bulk;travel' }),
      assignLine('not-an-email', '12.345'),
      `edit,${card.approvalId},,,,900,,,,,,50:daily,,,,,,`,
      assignLine(emails[2], '75', { limitAtm: '100:yearly' }),
      assignLine(emails[2].replace('-3@', '-4@'), '75'),
    ].join('\n');

    const upload = await runAction(uploadBulkCsv.definition, { file: new File([csv], 'cards.csv', { type: 'text/csv' }), cardAliasId: sandbox.cardAliasId }, runtime(operator));
    if (!upload.ok) throw new Error(upload.message);
    expect(upload.data).toMatchObject({ totalRows: 6, invalidRows: 2 });
    const preview = await getBulkImport(upload.data.id);
    expect(preview!.rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [2, 'PENDING'],
      [3, 'PENDING'],
      [4, 'INVALID'],
      [5, 'PENDING'],
      [6, 'INVALID'],
      [7, 'PENDING'],
    ]);
    expect(preview!.rows[2].errors).toEqual([
      { column: 'email', message: 'Enter a valid e-mail address, like name@company.com' },
      { column: 'totalAmount', message: 'Budget: use at most 2 decimal places' },
    ]);
    expect(preview!.rows[4].errors).toEqual([{ column: 'limitAtm', message: 'Unknown period "yearly": use daily, weekly or monthly' }]);

    // Nothing reaches Sparados before the confirmation.
    expect(await approvalsFor(emails)).toEqual({ [emails[0]]: 0, [emails[1]]: 0, [emails[2]]: 0 });

    expect(await markConfirmed(upload.data.id, new Date())).toBe(true);
    expect(await markConfirmed(upload.data.id, new Date())).toBe(false);
    const report = await processBulkImport(upload.data.id, { concurrency: 4 });
    expect(report).toEqual({ processed: 4, succeeded: 4, failed: 0, checking: 0, waiting: 0, replayed: 0 });

    const progress = await getBulkProgress(upload.data.id);
    expect(progress).toMatchObject({ status: 'DONE', totalRows: 6, invalidRows: 2, pending: 0, succeeded: 4, failed: 0 });
    const done = await getBulkImport(upload.data.id);
    const editRow = done!.rows.find((r) => r.rowNumber === 5)!;
    expect(editRow).toMatchObject({ status: 'SUCCEEDED', cardId: card.cardId });
    expect(editRow.approvalId).not.toBe(card.approvalId);
    const reapproval = await getSparadosClient().getApproval(editRow.approvalId!);
    expect(reapproval).toMatchObject({ parentId: card.approvalId, status: 'DELIVERED', budgetMinor: 90_000 });
    expect(reapproval.limits.find((l) => l.type === 'atm')).toMatchObject({ amountMinor: 5000, timeUnit: 'daily' });
    expect((await db.card.findUniqueOrThrow({ where: { id: card.cardId }, include: { currentApproval: true } })).currentApproval?.sparadosId).toBe(editRow.approvalId);
    const second = await getSparadosClient().getApproval(done!.rows[1].approvalId!);
    expect(second).toMatchObject({ budgetMinor: 95_050, tags: ['bulk', 'travel'] });
    expect(second.limits.find((l) => l.type === 'mcc_whitelist')?.mccList).toEqual(['4111', '5812', '5813', '5814']);
    expect(await approvalsFor(emails)).toEqual({ [emails[0]]: 1, [emails[1]]: 1, [emails[2]]: 0 });
    expect(await db.auditEvent.count({ where: { action: { in: ['cards.assign', 'cards.edit'] }, after: { path: ['bulkImportId'], equals: upload.data.id } } })).toBe(4);

    // The same file again: every row finds its earlier result; Sparados sees nothing new.
    const operationsBefore = await db.pendingOperation.count();
    const again = await createBulkImport({ fileName: 'cards (copy).csv', text: csv, cardAliasId: sandbox.cardAliasId, actorId: operator.id });
    await markConfirmed(again.id, new Date());
    expect(await processBulkImport(again.id, { concurrency: 4 })).toEqual({ processed: 4, succeeded: 4, failed: 0, checking: 0, waiting: 0, replayed: 4 });
    expect(await db.pendingOperation.count()).toBe(operationsBefore);
    expect(await approvalsFor(emails)).toEqual({ [emails[0]]: 1, [emails[1]]: 1, [emails[2]]: 0 });
    expect((await getSparadosClient().getApproval(editRow.approvalId!)).status).toBe('DELIVERED');
    const againRows = (await getBulkImport(again.id))!.rows;
    expect(againRows.map((r) => r.approvalId)).toEqual(done!.rows.map((r) => r.approvalId));

    expect(await bulkReportRows(upload.data.id)).toEqual([
      [2, 'assign', 'SUCCEEDED', done!.rows[0].approvalId, ''],
      [3, 'assign', 'SUCCEEDED', done!.rows[1].approvalId, ''],
      [4, 'assign', 'INVALID', '', 'email: Enter a valid e-mail address, like name@company.com; totalAmount: Budget: use at most 2 decimal places'],
      [5, 'edit', 'SUCCEEDED', editRow.approvalId, ''],
      [6, 'assign', 'INVALID', '', 'limitAtm: Unknown period "yearly": use daily, weekly or monthly'],
      [7, 'assign', 'SUCCEEDED', done!.rows[5].approvalId, ''],
    ]);
  });

  it('a row Sparados refuses fails alone, with its reason', async () => {
    const card = await deliveredCard();
    await runApprovalOperation('approval.unassign', { idempotencyKey: randomUUID(), cardId: card.cardId, request: { approvalId: card.approvalId } });
    const email = `bulk-ok-${randomUUID().slice(0, 8)}@int.test`;
    const csv = [HEADER, `edit,${card.approvalId},,,,900,,,,,,,,,,,,`, assignLine(email)].join('\n');
    const bulk = await createBulkImport({ fileName: 'refused.csv', text: csv, cardAliasId: sandbox.cardAliasId, actorId: operator.id });
    await markConfirmed(bulk.id, new Date());
    expect(await processBulkImport(bulk.id)).toMatchObject({ succeeded: 1, failed: 1 });
    const rows = (await getBulkImport(bulk.id))!.rows;
    expect(rows[0]).toMatchObject({ status: 'FAILED', approvalId: null });
    expect(rows[0].errorMessage).toMatch(/FINISHED|not allowed|status/i);
    expect(rows[1]).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('a row Sparados applied without confirming is "being confirmed", then settled from the reconciler, never failed', async () => {
    const email = `bulk-unknown-${randomUUID().slice(0, 8)}@int.test`;
    const bulk = await createBulkImport({ fileName: 'unconfirmed.csv', text: [HEADER, assignLine(email)].join('\n'), cardAliasId: sandbox.cardAliasId, actorId: operator.id });
    await markConfirmed(bulk.id, new Date());
    // The create is applied and its answer lost; every read fails too, so the client cannot check.
    await sandbox.control.addFault({ match: { method: 'POST', path: '^/secure/approvals$' }, mode: 'status', status: 500, phase: 'after' });
    await sandbox.control.addFault({ match: { method: 'GET', path: '^/secure/approvals' }, mode: 'status', status: 503 });
    try {
      expect(await processBulkImport(bulk.id)).toMatchObject({ processed: 1, succeeded: 0, failed: 0, checking: 1 });
    } finally {
      await sandbox.control.clearFaults();
    }
    expect(await getBulkProgress(bulk.id)).toMatchObject({ status: 'DONE', checking: 1, failed: 0, pending: 0 });
    expect((await getBulkImport(bulk.id))!.rows[0]).toMatchObject({ status: 'CHECKING', approvalId: null });
    // Nothing to copy until the reconciler has finished the operation.
    expect(await settleCheckingRows()).toMatchObject({ settled: 0 });

    await reconcileLater();
    expect(await settleCheckingRows()).toMatchObject({ settled: 1, stillChecking: 0 });
    const row = (await getBulkImport(bulk.id))!.rows[0];
    expect(row).toMatchObject({ status: 'SUCCEEDED', approvalId: expect.any(String), cardId: expect.any(String), errorMessage: null });
    expect(await db.auditEvent.count({ where: { action: 'cards.assign', targetId: row.cardId! } })).toBe(1);
    expect(await approvalsFor([email])).toEqual({ [email]: 1 });
    // Settling again changes nothing and writes no second audit entry.
    expect(await settleCheckingRows()).toMatchObject({ settled: 0 });
    expect(await db.auditEvent.count({ where: { action: 'cards.assign', targetId: row.cardId! } })).toBe(1);
  });

  it('confirming queues the job, which a worker runs to the end', async () => {
    worker = await startWorker({ jobs: [{ ...bulkImportJob, options: { ...bulkImportJob.options, pollingIntervalSeconds: 0.5 } }], log: () => {} });
    const emails = [1, 2].map((n) => `bulk-job-${randomUUID().slice(0, 8)}-${n}@int.test`);
    const bulk = await createBulkImport({ fileName: 'job.csv', text: [HEADER, ...emails.map((e) => assignLine(e))].join('\n'), cardAliasId: sandbox.cardAliasId, actorId: operator.id });
    const [first, second] = await Promise.all([
      runAction(confirmBulkImport.definition, { importId: bulk.id }, runtime(operator)),
      runAction(confirmBulkImport.definition, { importId: bulk.id }, runtime(operator)),
    ]);
    expect([first, second].map((r) => r.ok && r.data.queued).sort()).toEqual([false, true]);
    const deadline = Date.now() + 30_000;
    while ((await getBulkProgress(bulk.id))!.status !== 'DONE') {
      if (Date.now() > deadline) throw new Error(`import not done: ${JSON.stringify(await getBulkProgress(bulk.id))}`);
      await sleep(200);
    }
    expect(await getBulkProgress(bulk.id)).toMatchObject({ succeeded: 2, failed: 0, pending: 0 });
    expect(await approvalsFor(emails)).toEqual({ [emails[0]]: 1, [emails[1]]: 1 });
  });
});
