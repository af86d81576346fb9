import { NextResponse, type NextRequest } from 'next/server';
import { getMccCategories } from '@/lib/approvals/mcc-settings';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { getTransactionDetail } from '@/lib/transactions/queries';

// One transaction with the records sharing its THC id, for the list's detail drawer.
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED' }, { status: 401 });
  if (!can(user.role, 'transactions.view')) return NextResponse.json({ code: 'FORBIDDEN' }, { status: 403 });
  const detail = await getTransactionDetail((await params).id, { categories: await getMccCategories() });
  if (!detail) return NextResponse.json({ code: 'NOT_FOUND' }, { status: 404 });
  return NextResponse.json(detail, { headers: { 'cache-control': 'no-store' } });
}
