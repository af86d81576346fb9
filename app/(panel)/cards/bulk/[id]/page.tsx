import { Download } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BulkProgressBar } from '@/components/bulk/bulk-progress';
import { BulkRowsTable } from '@/components/bulk/bulk-rows-table';
import { ConfirmImport } from '@/components/bulk/confirm-import';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { BULK_COLUMNS } from '@/lib/bulk/columns';
import { getBulkImport, getBulkProgress } from '@/lib/bulk/queries';
import { isUuid } from '@/lib/ids';

export const metadata: Metadata = { title: 'Bulk import' };

/** Rows shown at once; the report has them all. */
const SHOWN_ROWS = 300;

export default async function BulkImportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission('cards.view');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [bulk, progress] = await Promise.all([getBulkImport(id), getBulkProgress(id)]);
  if (!bulk || !progress) notFound();

  const preview = bulk.status === 'PREVIEW';
  const columns = BULK_COLUMNS.filter((column) => bulk.rows.some((row) => (row.cells[column] ?? '') !== ''));
  // Problems first: in the preview the rows with errors, afterwards the rows that failed.
  const troubled = bulk.rows.filter((r) => r.status === 'INVALID' || r.status === 'FAILED');
  const rest = bulk.rows.filter((r) => r.status !== 'INVALID' && r.status !== 'FAILED');
  const shown = [...troubled, ...rest].slice(0, SHOWN_ROWS);
  const valid = bulk.totalRows - bulk.invalidRows;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/cards" className="underline hover:text-slate-900">
          Cards
        </Link>{' '}
        /{' '}
        <Link href="/cards/bulk" className="underline hover:text-slate-900">
          Assign from a CSV file
        </Link>{' '}
        / {bulk.fileName}
      </nav>
      <PageHeader
        title={bulk.fileName}
        description={`${bulk.totalRows} rows · ${bulk.invalidRows} with errors · account ${bulk.cardAliasId} (${bulk.currency}) · default time zone ${bulk.timezone}`}
        actions={
          !preview ? (
            <Button asChild variant="secondary">
              <a href={`/cards/bulk/${bulk.id}/report`} download>
                <Download aria-hidden="true" className="h-4 w-4" />
                Download the report (CSV)
              </a>
            </Button>
          ) : null
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{preview ? 'Check before assigning' : 'Progress'}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3">
          {preview ? (
            <>
              {bulk.invalidRows > 0 ? (
                <Alert tone="warning">
                  {bulk.invalidRows} row{bulk.invalidRows === 1 ? ' has' : 's have'} errors and will be skipped. Fix them in the file and upload it again, or assign the {valid} valid row
                  {valid === 1 ? '' : 's'} now.
                </Alert>
              ) : (
                <Alert tone="success">Every row is valid.</Alert>
              )}
              {can(user.role, 'cards.assign') ? <ConfirmImport importId={bulk.id} validRows={valid} /> : null}
            </>
          ) : (
            <BulkProgressBar initial={progress} />
          )}
        </CardContent>
      </Card>
      <Card>
        <BulkRowsTable rows={shown} columns={columns} caption={`Rows of ${bulk.fileName}`} showResult={!preview} />
        {bulk.rows.length > SHOWN_ROWS ? (
          <p className="px-4 py-3 text-sm text-slate-600">
            Showing {SHOWN_ROWS} of {bulk.rows.length} rows{preview ? '' : '; the report has them all'}.
          </p>
        ) : null}
      </Card>
    </>
  );
}
