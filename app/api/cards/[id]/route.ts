import { NextResponse, type NextRequest } from 'next/server';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { getCardDetail } from '@/lib/approvals/queries';

// One card as JSON, polled by the card page so status changes seen by sync appear on their own.
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED' }, { status: 401 });
  if (!can(user.role, 'cards.view')) return NextResponse.json({ code: 'FORBIDDEN' }, { status: 403 });
  const card = await getCardDetail((await params).id);
  if (!card) return NextResponse.json({ code: 'NOT_FOUND' }, { status: 404 });
  return NextResponse.json(card, { headers: { 'cache-control': 'no-store' } });
}
