import { NextResponse } from 'next/server';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { getRequestsInbox } from '@/lib/requests/queries';

// The requests inbox as JSON, polled by the page so it refreshes on its own.
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED' }, { status: 401 });
  if (!can(user.role, 'requests.view')) return NextResponse.json({ code: 'FORBIDDEN' }, { status: 403 });
  return NextResponse.json(await getRequestsInbox(), { headers: { 'cache-control': 'no-store' } });
}
