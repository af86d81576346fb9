import 'server-only';
import { db } from '@/lib/db';
import { heldOutcomes } from '@/lib/budgets/held-changes';
import { findOperations } from '@/lib/operations/queries';
import type { BulkOperation } from './columns';
import { auditBulkRow, bulkRowKey } from './process';

// A row whose write Sparados did not confirm stays CHECKING; the reconciler finishes its operation
// (same idempotency key) and this copies the outcome onto the row, so the report ends up true
// without anyone running the file again. A row the budget policy held (WAITING) is settled the same
// way once a second person decided it: applied, declined, or refused by Sparados.

export interface SettleReport {
  settled: number;
  stillChecking: number;
  stillWaiting: number;
}

export async function settleCheckingRows(options: { limit?: number; now?: () => Date } = {}): Promise<SettleReport> {
  const now = options.now ?? (() => new Date());
  const rows = await db.bulkImportRow.findMany({
    where: { status: 'CHECKING' },
    include: { bulkImport: { select: { id: true, fileName: true, fileHash: true, createdById: true } } },
    orderBy: [{ bulkImportId: 'asc' }, { rowNumber: 'asc' }],
    take: options.limit ?? 500,
  });
  const report: SettleReport = { settled: 0, stillChecking: 0, stillWaiting: 0 };
  await settleWaitingRows(report, options.limit ?? 500, now);
  if (rows.length === 0) return report;

  const keyOf = (row: (typeof rows)[number]) => bulkRowKey(row.bulkImport.fileHash, row.rowNumber, row.operation as BulkOperation);
  const byKey = await findOperations(rows.map(keyOf));
  const actors = new Map<string, { id: string; email: string; name: string } | null>();

  for (const row of rows) {
    const operation = byKey.get(keyOf(row));
    if (!operation || (operation.status !== 'SUCCEEDED' && operation.status !== 'FAILED')) {
      report.stillChecking++;
      continue;
    }
    const at = now();
    if (operation.status === 'FAILED') {
      const claimed = await db.bulkImportRow.updateMany({
        where: { id: row.id, status: 'CHECKING' },
        data: { status: 'FAILED', errorMessage: operation.errorMessage ?? 'Sparados refused it.', processedAt: at },
      });
      report.settled += claimed.count;
      continue;
    }
    const approvalId = (operation.response as { id?: unknown } | null)?.id;
    const claimed = await db.bulkImportRow.updateMany({
      where: { id: row.id, status: 'CHECKING' },
      data: { status: 'SUCCEEDED', approvalSparadosId: typeof approvalId === 'string' ? approvalId : null, cardId: operation.cardId, errorMessage: null, processedAt: at },
    });
    // Two settlers at once: only the one that moved the row writes the audit entry.
    if (claimed.count === 0) continue;
    report.settled++;
    if (!operation.cardId) continue;
    const actorId = row.bulkImport.createdById;
    if (actorId && !actors.has(actorId)) actors.set(actorId, await db.adminUser.findUnique({ where: { id: actorId }, select: { id: true, email: true, name: true } }));
    await auditBulkRow(
      { operation: row.operation, rowNumber: row.rowNumber, approvalId: typeof approvalId === 'string' ? approvalId : null, cardId: operation.cardId },
      row.bulkImport,
      actorId ? (actors.get(actorId) ?? null) : null,
      at,
    );
  }
  return report;
}

/** Rows held by the budget policy: copied from their change once someone decided it. */
async function settleWaitingRows(report: SettleReport, limit: number, now: () => Date): Promise<void> {
  const rows = await db.bulkImportRow.findMany({
    where: { status: 'WAITING' },
    include: { bulkImport: { select: { fileHash: true } } },
    orderBy: [{ bulkImportId: 'asc' }, { rowNumber: 'asc' }],
    take: limit,
  });
  const keyOf = (row: (typeof rows)[number]) => bulkRowKey(row.bulkImport.fileHash, row.rowNumber, row.operation as BulkOperation);
  const outcomes = await heldOutcomes(rows.map(keyOf));
  for (const row of rows) {
    const outcome = outcomes.get(keyOf(row));
    if (!outcome || outcome.state === 'waiting') {
      report.stillWaiting++;
      continue;
    }
    const data =
      outcome.state === 'applied'
        ? { status: 'SUCCEEDED' as const, approvalSparadosId: outcome.approvalId, cardId: outcome.cardId, errorMessage: null }
        : { status: 'FAILED' as const, errorMessage: outcome.message };
    const moved = await db.bulkImportRow.updateMany({ where: { id: row.id, status: 'WAITING' }, data: { ...data, processedAt: now() } });
    report.settled += moved.count;
  }
}
