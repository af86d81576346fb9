import 'server-only';
import { createHash } from 'node:crypto';
import { loadAssignContext, type AssignServerContext } from '@/lib/approvals/assign-context';
import { isTimeZone } from '@/lib/approvals/validity';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseBulkCsv } from './parse';
import { validateBulkRow, type BulkContext } from './validate';

// Recording an uploaded CSV: every row validated, stored with its per-cell errors, waiting for
// the admin's confirmation (the preview). Nothing is sent to Sparados here.

export function fileHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type BulkServerContext = AssignServerContext & BulkContext;

export function bulkContext(context: AssignServerContext, cardAliasId: string, timezone: string): BulkServerContext {
  const account = context.accounts.find((a) => a.cardAliasId === cardAliasId);
  if (!account) throw new AppError('VALIDATION', 'Choose one of the company’s accounts.', { fieldErrors: { cardAliasId: ['Choose one of the company’s accounts'] } });
  return { ...context, cardAliasId, currency: account.currency, timezone };
}

export interface CreateBulkImportInput {
  fileName: string;
  text: string;
  cardAliasId: string;
  /** Zone of rows that leave `timezone` empty; defaults to the display setting. */
  timezone?: string;
  actorId: string | null;
}

export async function createBulkImport(input: CreateBulkImportInput): Promise<{ id: string; totalRows: number; invalidRows: number }> {
  const parsed = parseBulkCsv(input.text);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.message, { fieldErrors: { file: [parsed.message] } });
  const assignContext = await loadAssignContext();
  const timezone = input.timezone && isTimeZone(input.timezone) ? input.timezone : assignContext.defaultTimezone;
  const context = bulkContext(assignContext, input.cardAliasId, timezone);

  const rows = parsed.rows.map((row) => {
    const { operation, errors } = validateBulkRow(row.cells, context);
    return {
      rowNumber: row.rowNumber,
      operation: operation ?? (row.cells.operation ?? ''),
      cells: row.cells as Prisma.InputJsonValue,
      errors: errors.length > 0 ? (errors as unknown as Prisma.InputJsonValue) : undefined,
      status: errors.length > 0 ? ('INVALID' as const) : ('PENDING' as const),
    };
  });
  const invalidRows = rows.filter((r) => r.status === 'INVALID').length;

  const created = await db.$transaction(async (tx) => {
    const bulk = await tx.bulkImport.create({
      data: {
        fileName: input.fileName.slice(0, 200) || 'upload.csv',
        fileHash: fileHash(input.text),
        cardAliasId: context.cardAliasId,
        currency: context.currency,
        timezone,
        totalRows: rows.length,
        invalidRows,
        createdById: input.actorId,
      },
      select: { id: true },
    });
    await tx.bulkImportRow.createMany({ data: rows.map((row) => ({ ...row, bulkImportId: bulk.id })) });
    return bulk;
  });
  return { id: created.id, totalRows: rows.length, invalidRows };
}

/** PREVIEW → QUEUED, once: of two confirmations (a double click) only the first gets true. */
export async function markConfirmed(importId: string, now: Date): Promise<boolean> {
  const bulk = await db.bulkImport.findUnique({ where: { id: importId }, select: { status: true, totalRows: true, invalidRows: true } });
  if (!bulk) throw new AppError('NOT_FOUND', 'This import does not exist.');
  if (bulk.totalRows === bulk.invalidRows) throw new AppError('INVALID_STATE', 'Every row has errors: fix the file and upload it again.');
  const claimed = await db.bulkImport.updateMany({ where: { id: importId, status: 'PREVIEW' }, data: { status: 'QUEUED', confirmedAt: now } });
  return claimed.count === 1;
}
