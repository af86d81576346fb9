import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import type { BulkColumn } from '@/lib/bulk/columns';
import type { BulkRowView } from '@/lib/bulk/queries';

// The rows of an import with each cell's error under it (preview), or each row's result (after).

const STATUS = {
  INVALID: { label: 'Errors', tone: 'danger' },
  PENDING: { label: 'Ready', tone: 'neutral' },
  CHECKING: { label: 'Being confirmed', tone: 'warning' },
  WAITING: { label: 'Waiting for a second approver', tone: 'warning' },
  SUCCEEDED: { label: 'Done', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
} as const;

export function BulkRowsTable({ rows, columns, caption, showResult }: { rows: BulkRowView[]; columns: BulkColumn[]; caption: string; showResult: boolean }) {
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Row</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          {showResult ? <TableHeaderCell>Result</TableHeaderCell> : null}
          {columns.map((column) => (
            <TableHeaderCell key={column} className="normal-case">
              {column}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const rowErrors = row.errors.filter((e) => e.column === 'row');
          return (
            <TableRow key={row.rowNumber} data-testid={`bulk-row-${row.rowNumber}`} className={row.status === 'INVALID' || row.status === 'FAILED' ? 'bg-red-50/40' : undefined}>
              <TableCell className="font-mono text-xs">{row.rowNumber}</TableCell>
              <TableCell>
                <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
                {rowErrors.map((e) => (
                  <p key={e.message} className="mt-1 text-xs text-red-700">
                    {e.message}
                  </p>
                ))}
              </TableCell>
              {showResult ? (
                <TableCell className="max-w-xs text-xs">
                  {row.approvalId && row.cardId ? (
                    <Link href={`/cards/${row.cardId}`} className="font-mono text-indigo-700 hover:underline">
                      {row.approvalId}
                    </Link>
                  ) : row.approvalId ? (
                    <span className="font-mono">{row.approvalId}</span>
                  ) : null}
                  {row.errorMessage ? <span className="text-red-700">{row.errorMessage}</span> : null}
                </TableCell>
              ) : null}
              {columns.map((column) => {
                const errors = row.errors.filter((e) => e.column === column);
                return (
                  <TableCell key={column} data-column={column} className={cn('align-top text-xs whitespace-nowrap', errors.length > 0 && 'bg-red-50 text-red-900')}>
                    {row.cells[column] ?? ''}
                    {errors.map((e) => (
                      <p key={e.message} role="note" className="mt-1 max-w-64 text-xs whitespace-normal text-red-700">
                        {e.message}
                      </p>
                    ))}
                  </TableCell>
                );
              })}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
