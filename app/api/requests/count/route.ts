import { NextResponse } from 'next/server';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { cachedOpenRequestCount } from '@/lib/requests/queries';

// The sidebar's badge: requests waiting for an answer, from a per-process cache of a few seconds.
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ code: 'UNAUTHENTICATED' }, { status: 401 });
  if (!can(user.role, 'requests.view')) return NextResponse.json({ code: 'FORBIDDEN' }, { status: 403 });
  return NextResponse.json({ count: await cachedOpenRequestCount() }, { headers: { 'cache-control': 'no-store' } });
}
