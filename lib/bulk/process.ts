import 'server-only';
import { assignCard } from '@/lib/approvals/assign';
import { toEditApprovalInput } from '@/lib/approvals/assign-input';
import { loadAssignContext } from '@/lib/approvals/assign-context';
import { assignFormSchema, checkAssignContext, rulesFormSchema } from '@/lib/approvals/assign-schema';
import { rulesValuesFromApproval } from '@/lib/approvals/edit-values';
import { deriveKey } from '@/lib/approvals/idempotency-keys';
import { editCardRules } from '@/lib/approvals/card-actions';
import { runApprovalOperation, type CreateApprovalRequest, type EditApprovalRequest } from '@/lib/approvals/operations';
import type { SessionUser } from '@/lib/auth/session-user';
import { heldAuditDraft, type HeldChange } from '@/lib/budgets/gate';
import { saveApprovalFromSparados } from '@/lib/approvals/store';
import { recordAudit, type AuditActor } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { ErrorCode, isAppError } from '@/lib/errors';
import { appErrorOf } from '@/lib/operations/outcome';
import { findOperation, isUnfinished } from '@/lib/operations/queries';
import { getSparadosClient } from '@/lib/sparados';
import type { BulkOperation } from './columns';
import type { BulkCells } from './parse';
import { bulkContext, type BulkServerContext } from './store';
import { assignValuesFromCells, rulesValuesFromCells } from './validate';

// The bulk job's work: every PENDING row through the same code as the assign form and the card
// page's edit, several at a time. Each row's idempotency key comes from (file hash, row number,
// operation), so a second run of the job, or an upload of the same file again, finds every row
// already done (PendingOperation with that key) and sends nothing twice.

export const DEFAULT_BULK_CONCURRENCY = 12;

export interface RowOutcome {
  /**
   * CHECKING: sent, Sparados has not confirmed it; settleCheckingRows finishes it after the reconciler.
   * WAITING: above the importer's allowance (the budget policy), held for a second person; settled the same way.
   */
  status: 'SUCCEEDED' | 'FAILED' | 'CHECKING' | 'WAITING';
  approvalId: string | null;
  cardId: string | null;
  message: string | null;
  /** True when an earlier run had already done it. */
  replayed: boolean;
  /** WAITING: the held change. */
  held?: HeldChange | null;
}

export function bulkRowKey(fileHash: string, rowNumber: number, operation: BulkOperation): string {
  return deriveKey('bulk', fileHash, rowNumber, operation);
}

function failed(message: string): RowOutcome {
  return { status: 'FAILED', approvalId: null, cardId: null, message, replayed: false };
}

function messagesOf(issues: ReadonlyArray<{ message: string }>): string {
  return issues.map((i) => i.message).join('; ');
}

async function existingRequest(key: string): Promise<unknown | null> {
  return (await findOperation(key))?.request ?? null;
}

function waiting(held: HeldChange): RowOutcome {
  return { status: 'WAITING', approvalId: null, cardId: null, message: `Waits for a second approver: ${held.reason}.`, replayed: held.replayed, held };
}

async function processAssign(cells: BulkCells, key: string, context: BulkServerContext, actor: SessionUser): Promise<RowOutcome> {
  const previous = await existingRequest(key);
  if (previous) {
    // Done (or started) by an earlier run: its stored request replays to the first result.
    const outcome = await runApprovalOperation('approval.create', { idempotencyKey: key, actorId: actor.id, request: previous as CreateApprovalRequest, existingOnly: true });
    return { status: 'SUCCEEDED', approvalId: outcome.result.id, cardId: outcome.cardId, message: null, replayed: true };
  }
  const parsed = assignFormSchema.safeParse(assignValuesFromCells(cells, context, key).values);
  if (!parsed.success) return failed(messagesOf(parsed.error.issues));
  const outcome = await assignCard(parsed.data, { actor, context });
  if (outcome.held) return waiting(outcome.held);
  return { status: 'SUCCEEDED', approvalId: outcome.approvalId, cardId: outcome.cardId, message: null, replayed: outcome.replayed };
}

/** The approval an edit applies to: the card's current one, when the given id was since replaced. */
async function editTarget(approvalId: string): Promise<{ sparadosId: string; cardId: string | null }> {
  const known = await db.approval.findUnique({
    where: { sparadosId: approvalId },
    select: { cardId: true, card: { select: { currentApproval: { select: { sparadosId: true } } } } },
  });
  if (!known) return { sparadosId: approvalId, cardId: null };
  return { sparadosId: known.card.currentApproval?.sparadosId ?? approvalId, cardId: known.cardId };
}

async function processEdit(cells: BulkCells, key: string, context: BulkServerContext, actor: SessionUser): Promise<RowOutcome> {
  const previous = await existingRequest(key);
  if (previous) {
    const outcome = await runApprovalOperation('approval.edit', { idempotencyKey: key, actorId: actor.id, request: previous as EditApprovalRequest, existingOnly: true });
    return { status: 'SUCCEEDED', approvalId: outcome.result.id, cardId: outcome.cardId, message: null, replayed: true };
  }
  const target = await editTarget((cells.approvalId ?? '').trim());
  const current = await getSparadosClient().getApproval(target.sparadosId);
  const cardId = target.cardId ?? (await saveApprovalFromSparados(current)).cardId;
  const currency = context.accounts.find((a) => a.cardAliasId === current.cardAliasId)?.currency ?? context.currency;
  const rowContext = { ...context, currency };
  const merged = rulesValuesFromCells(cells, rowContext, rulesValuesFromApproval(current, currency, context.timezone));
  if (merged.errors.length > 0) return failed(messagesOf(merged.errors));
  const parsed = rulesFormSchema.safeParse(merged.values);
  if (!parsed.success) return failed(messagesOf(parsed.error.issues));
  const contextErrors = Object.values(checkAssignContext({ ...parsed.data, cardAliasId: current.cardAliasId ?? context.cardAliasId }, rowContext)).flat();
  if (contextErrors.length > 0) return failed(contextErrors.join('; '));

  // The card page's own edit: the card's lane, the budget gate, the write-intent path.
  const outcome = await editCardRules({ cardId, approvalId: current.id, idempotencyKey: key, ...parsed.data }, actor);
  if (outcome.held) return waiting(outcome.held);
  return { status: 'SUCCEEDED', approvalId: outcome.approvalId, cardId: outcome.cardId, message: null, replayed: outcome.replayed };
}

export async function processBulkRow(
  row: { rowNumber: number; operation: string; cells: BulkCells },
  bulk: { fileHash: string },
  context: BulkServerContext,
  actor: SessionUser,
): Promise<RowOutcome> {
  const operation: BulkOperation = row.operation === 'edit' ? 'edit' : 'assign';
  const key = bulkRowKey(bulk.fileHash, row.rowNumber, operation);
  try {
    return operation === 'assign' ? await processAssign(row.cells, key, context, actor) : await processEdit(row.cells, key, context, actor);
  } catch (error) {
    const appError = isAppError(error) ? error : appErrorOf(error);
    if (appError.code === ErrorCode.OUTCOME_PENDING) {
      const sent = await findOperation(key);
      if (sent && isUnfinished(sent.status)) return { status: 'CHECKING', approvalId: null, cardId: null, message: appError.message, replayed: false };
      // Failed before its write was recorded: nothing reached Sparados, and running the file again retries it.
      if (!sent) {
        if (!isAppError(error)) console.error(JSON.stringify({ level: 'error', message: 'bulk row failed before sending', rowNumber: row.rowNumber, detail: error instanceof Error ? error.message : String(error) }));
        return failed('Something went wrong before this row was sent; nothing was sent to Sparados. Upload the file again to retry it.');
      }
    }
    const fields = Object.entries(appError.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
    return failed([appError.message, ...fields].join(' — '));
  }
}

/** The audit entry of a row Sparados confirmed: written by the job, or later by settleCheckingRows. */
export async function auditBulkRow(
  row: { operation: string; rowNumber: number; approvalId: string | null; cardId: string },
  bulk: { id: string; fileName: string },
  actor: AuditActor | null,
  at: Date,
): Promise<void> {
  const verb = row.operation === 'edit' ? 'changed the card' : 'assigned a card';
  await recordAudit(
    db,
    {
      action: row.operation === 'edit' ? 'cards.edit' : 'cards.assign',
      summary: `${actor?.name ?? 'A bulk import'} ${verb} from ${bulk.fileName}, row ${row.rowNumber} (approval ${row.approvalId}).`,
      targetType: 'card',
      targetId: row.cardId,
      after: { approvalId: row.approvalId, bulkImportId: bulk.id, rowNumber: row.rowNumber },
    },
    { actor, ip: null, at },
  );
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(runners);
}

export interface ProcessOptions {
  concurrency?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface ProcessReport {
  processed: number;
  succeeded: number;
  failed: number;
  checking: number;
  waiting: number;
  replayed: number;
}

/** Processes every PENDING row of an import; safe to run again (a retried job resumes). */
export async function processBulkImport(importId: string, options: ProcessOptions = {}): Promise<ProcessReport> {
  const now = options.now ?? (() => new Date());
  const bulk = await db.bulkImport.findUnique({ where: { id: importId } });
  if (!bulk) throw new Error(`bulk import ${importId} not found`);
  if (bulk.status === 'PREVIEW') throw new Error(`bulk import ${importId} was not confirmed`);
  if (bulk.status === 'DONE') return { processed: 0, succeeded: 0, failed: 0, checking: 0, waiting: 0, replayed: 0 };
  await db.bulkImport.update({ where: { id: importId }, data: { status: 'RUNNING', startedAt: bulk.startedAt ?? now(), error: null } });

  const context = bulkContext(await loadAssignContext(), bulk.cardAliasId, bulk.timezone);
  // Rows act as the person who uploaded the file, with their role's allowance (the budget policy).
  const importer = bulk.createdById ? await db.adminUser.findUnique({ where: { id: bulk.createdById }, select: { id: true, email: true, name: true, role: true, status: true } }) : null;
  const actor: AuditActor | null = importer;
  const rows = await db.bulkImportRow.findMany({ where: { bulkImportId: importId, status: 'PENDING' }, orderBy: { rowNumber: 'asc' } });
  const report: ProcessReport = { processed: 0, succeeded: 0, failed: 0, checking: 0, waiting: 0, replayed: 0 };
  const refusal = !importer ? 'Nobody is named as the uploader of this file.' : importer.status !== 'ACTIVE' ? `${importer.name}, who uploaded this file, can no longer act (the account is ${importer.status.toLowerCase()}).` : null;

  await pool(
    rows,
    options.concurrency ?? DEFAULT_BULK_CONCURRENCY,
    async (row) => {
      const outcome = refusal || !importer ? failed(refusal ?? '') : await processBulkRow({ rowNumber: row.rowNumber, operation: row.operation, cells: row.cells as BulkCells }, bulk, context, importer);
      const at = now();
      await db.bulkImportRow.update({
        where: { id: row.id },
        data: { status: outcome.status, approvalSparadosId: outcome.approvalId, cardId: outcome.cardId, errorMessage: outcome.message, processedAt: at },
      });
      if (outcome.status === 'SUCCEEDED' && !outcome.replayed && outcome.cardId) {
        await auditBulkRow({ operation: row.operation, rowNumber: row.rowNumber, approvalId: outcome.approvalId, cardId: outcome.cardId }, bulk, actor, at);
      }
      if (outcome.held && !outcome.replayed && actor) {
        await recordAudit(db, heldAuditDraft(actor.name, outcome.held, ` (${bulk.fileName}, row ${row.rowNumber})`), { actor, ip: null, at });
      }
      report.processed++;
      if (outcome.status === 'SUCCEEDED') report.succeeded++;
      else if (outcome.status === 'CHECKING') report.checking++;
      else if (outcome.status === 'WAITING') report.waiting++;
      else report.failed++;
      if (outcome.replayed) report.replayed++;
    },
    options.signal,
  );

  if (!options.signal?.aborted) {
    const left = await db.bulkImportRow.count({ where: { bulkImportId: importId, status: 'PENDING' } });
    if (left === 0) await db.bulkImport.update({ where: { id: importId }, data: { status: 'DONE', finishedAt: now() } });
  }
  return report;
}
