import { toCsv } from '@/lib/bulk/parse';
import { bulkReportRows } from '@/lib/bulk/queries';
import { routeUser } from '@/lib/bulk/route-auth';
import { isUuid } from '@/lib/ids';

// The per-row result of an import as a CSV file: row, operation, status, approvalId, error.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await routeUser('cards.view');
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const rows = isUuid(id) ? await bulkReportRows(id) : null;
  if (!rows) return Response.json({ code: 'NOT_FOUND' }, { status: 404 });
  const csv = toCsv([['row', 'operation', 'status', 'approvalId', 'error'], ...rows]);
  return new Response(`${csv}\r\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="bulk-import-${id.slice(0, 8)}-report.csv"`,
      'cache-control': 'no-store',
    },
  });
}
