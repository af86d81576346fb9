import 'server-only';
import { db } from '@/lib/db';
import type { BulkCells } from './parse';
import type { BulkProgress } from './progress';
import type { CellError } from './validate';

// Reading imports for the bulk pages, the progress endpoint and the report.

export async function getBulkProgress(importId: string): Promise<BulkProgress | null> {
  const bulk = await db.bulkImport.findUnique({ where: { id: importId } });
  if (!bulk) return null;
  const counts = await db.bulkImportRow.groupBy({ by: ['status'], where: { bulkImportId: importId }, _count: { _all: true } });
  const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  return {
    id: bulk.id,
    status: bulk.status,
    fileName: bulk.fileName,
    totalRows: bulk.totalRows,
    invalidRows: bulk.invalidRows,
    pending: count('PENDING'),
    succeeded: count('SUCCEEDED'),
    failed: count('FAILED'),
    checking: count('CHECKING'),
    waiting: count('WAITING'),
    error: bulk.error,
    startedAt: bulk.startedAt?.toISOString() ?? null,
    finishedAt: bulk.finishedAt?.toISOString() ?? null,
  };
}

export interface BulkRowView {
  rowNumber: number;
  operation: string;
  cells: BulkCells;
  errors: CellError[];
  status: 'INVALID' | 'PENDING' | 'CHECKING' | 'WAITING' | 'SUCCEEDED' | 'FAILED';
  approvalId: string | null;
  cardId: string | null;
  errorMessage: string | null;
}

export async function getBulkImport(importId: string) {
  const bulk = await db.bulkImport.findUnique({ where: { id: importId } });
  if (!bulk) return null;
  const rows = await db.bulkImportRow.findMany({ where: { bulkImportId: importId }, orderBy: { rowNumber: 'asc' } });
  return {
    ...bulk,
    rows: rows.map(
      (row): BulkRowView => ({
        rowNumber: row.rowNumber,
        operation: row.operation,
        cells: row.cells as BulkCells,
        errors: (row.errors as CellError[] | null) ?? [],
        status: row.status,
        approvalId: row.approvalSparadosId,
        cardId: row.cardId,
        errorMessage: row.errorMessage,
      }),
    ),
  };
}

export async function listBulkImports(limit = 20) {
  return db.bulkImport.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
}

/** The downloadable report: one line per row with its outcome. */
export async function bulkReportRows(importId: string): Promise<Array<[number, string, string, string, string]> | null> {
  const bulk = await getBulkImport(importId);
  if (!bulk) return null;
  return bulk.rows.map((row) => [
    row.rowNumber,
    row.operation,
    row.status,
    row.approvalId ?? '',
    row.status === 'INVALID' ? row.errors.map((e) => `${e.column}: ${e.message}`).join('; ') : (row.errorMessage ?? ''),
  ]);
}
