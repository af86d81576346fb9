import type { NextRequest } from 'next/server';
import { requestIp } from '@/lib/auth/request-ip';
import { can } from '@/lib/auth/permissions';
import { checkSameSite, crossSiteRefusal } from '@/lib/auth/same-site';
import { getCurrentUser } from '@/lib/auth/session';
import { startAuditExport } from '@/lib/audit/export';

// The filtered audit log as a CSV download, streamed. The proxy lets /api through without looking
// at the session, so this handler checks it (and the permission) itself.
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ code: 'UNAUTHENTICATED', message: 'Sign in to export the audit log.' }, { status: 401 });
  if (!can(user.role, 'audit.view')) return Response.json({ code: 'FORBIDDEN', message: 'Your role cannot read the audit log.' }, { status: 403 });
  // Exporting is audited and takes data out: only from the panel's own pages (lib/auth/same-site.ts).
  if (!checkSameSite(request.headers, request.nextUrl.origin).ok) return crossSiteRefusal();

  const result = await startAuditExport(request.nextUrl.searchParams, user, requestIp(request.headers));
  if (!result.ok) return Response.json({ code: 'VALIDATION', message: 'Fix the filters before exporting.', fieldErrors: result.errors }, { status: 400 });
  return new Response(result.stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${result.fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
