import { NextResponse, type NextRequest } from 'next/server';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { parseCardListParams } from '@/lib/approvals/list-params';
import { listCards } from '@/lib/approvals/queries';

// The cards list as JSON, polled by the list page so it refreshes on its own.
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED' }, { status: 401 });
  if (!can(user.role, 'cards.view')) return NextResponse.json({ code: 'FORBIDDEN' }, { status: 403 });
  const page = await listCards(parseCardListParams(request.nextUrl.searchParams));
  return NextResponse.json(page, { headers: { 'cache-control': 'no-store' } });
}
