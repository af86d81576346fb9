import { NextResponse, type NextRequest } from 'next/server';
import { requestIp } from '@/lib/auth/request-ip';
import { can } from '@/lib/auth/permissions';
import { checkSameSite, crossSiteRefusal } from '@/lib/auth/same-site';
import { getCurrentUser } from '@/lib/auth/session';
import { recordAudit } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { exportFileName } from '@/lib/transactions/csv';
import { transactionsCsvStream } from '@/lib/transactions/export';
import { filtersOf, parseTransactionParams, transactionSearch } from '@/lib/transactions/filters';
import { loadQueryContext } from '@/lib/transactions/queries';

// The filtered set as a CSV download, streamed batch by batch (never the whole set in memory).
// Exporting is audited: it takes cardholders' data out of the panel.
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED' }, { status: 401 });
  if (!can(user.role, 'transactions.export')) return NextResponse.json({ code: 'FORBIDDEN' }, { status: 403 });
  // Exporting is audited and takes data out: only from the panel's own pages (lib/auth/same-site.ts).
  if (!checkSameSite(request.headers, request.nextUrl.origin).ok) return crossSiteRefusal();
  const filters = filtersOf(parseTransactionParams(request.nextUrl.searchParams));
  const ctx = await loadQueryContext();
  const described = transactionSearch(filters) || 'no filters';
  await recordAudit(
    db,
    { action: 'transactions.export', summary: `${user.name} exported transactions as CSV (${described}).`, targetType: 'Transaction', after: { filters: described } },
    { actor: { id: user.id, email: user.email, name: user.name }, ip: requestIp(request.headers) },
  );
  return new Response(transactionsCsvStream(filters, ctx), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(new Date(), ctx.timeZone)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
