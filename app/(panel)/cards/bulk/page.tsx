import type { Metadata } from 'next';
import Link from 'next/link';
import { BulkUpload } from '@/components/bulk/bulk-upload';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { loadAssignContext } from '@/lib/approvals/assign-context';
import { requirePermission } from '@/lib/auth/session';
import { BULK_COLUMNS, COLUMN_HINTS } from '@/lib/bulk/columns';
import { listBulkImports } from '@/lib/bulk/queries';

export const metadata: Metadata = { title: 'Assign cards from a CSV file' };

const STATUS_TONES = { PREVIEW: 'neutral', QUEUED: 'info', RUNNING: 'info', DONE: 'success', FAILED: 'danger' } as const;
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function BulkPage() {
  await requirePermission('cards.assign');
  const [context, imports] = await Promise.all([loadAssignContext(), listBulkImports()]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/cards" className="underline hover:text-slate-900">
          Cards
        </Link>{' '}
        / Assign from a CSV file
      </nav>
      <PageHeader
        title="Assign cards from a CSV file"
        description="Upload a file in the Sparados Corporate Panel's format. Every row is checked first; you see the errors per cell and confirm before anything is sent. Uploading the same file again never assigns a card twice."
      />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Upload</CardTitle>
              <CardDescription>
                <a href="/cards/bulk/template" className="text-indigo-700 underline">
                  Download a template
                </a>{' '}
                with every column and an example row.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <BulkUpload accounts={context.accounts} defaultTimezone={context.defaultTimezone} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Columns</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="space-y-1.5 text-sm">
              {BULK_COLUMNS.map((column) => (
                <div key={column} className="grid grid-cols-[8.5rem_1fr] gap-2">
                  <dt className="font-mono text-xs text-slate-900">{column}</dt>
                  <dd className="text-slate-600">{COLUMN_HINTS[column]}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-slate-500">
              Category keys for mccAllow/mccBlock: {context.mccCategories.map((c) => c.key).join(', ')}.
            </p>
          </CardContent>
        </Card>
      </div>
      {imports.length > 0 ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Recent imports</CardTitle>
          </CardHeader>
          <Table>
            <TableCaption>Recent imports</TableCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>File</TableHeaderCell>
                <TableHeaderCell>Uploaded</TableHeaderCell>
                <TableHeaderCell>Rows</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {imports.map((bulk) => (
                <TableRow key={bulk.id}>
                  <TableCell>
                    <Link href={`/cards/bulk/${bulk.id}`} className="font-medium text-indigo-700 hover:underline">
                      {bulk.fileName}
                    </Link>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{when.format(bulk.createdAt)} UTC</TableCell>
                  <TableCell>
                    {bulk.totalRows}
                    {bulk.invalidRows > 0 ? <span className="text-slate-500"> ({bulk.invalidRows} with errors)</span> : null}
                  </TableCell>
                  <TableCell>
                    <Badge tone={STATUS_TONES[bulk.status]}>{bulk.status === 'PREVIEW' ? 'Not confirmed' : bulk.status.toLowerCase()}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </>
  );
}
