import { NextResponse, type NextRequest } from 'next/server';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { filtersOf, parseTransactionParams } from '@/lib/transactions/filters';
import { loadQueryContext, newerThan } from '@/lib/transactions/queries';

// Polled by the transactions page: how many rows under its filters were added or changed since it was
// drawn (`since`), so new transactions appear without a reload.
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED' }, { status: 401 });
  if (!can(user.role, 'transactions.view')) return NextResponse.json({ code: 'FORBIDDEN' }, { status: 403 });
  const since = new Date(request.nextUrl.searchParams.get('since') ?? '');
  if (Number.isNaN(since.getTime())) return NextResponse.json({ code: 'VALIDATION', message: 'since must be an ISO 8601 instant' }, { status: 400 });
  const filters = filtersOf(parseTransactionParams(request.nextUrl.searchParams));
  const newer = await newerThan(filters, since, await loadQueryContext());
  return NextResponse.json(newer, { headers: { 'cache-control': 'no-store' } });
}
