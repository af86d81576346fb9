import 'server-only';
import { can, type Permission } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';

// Route handlers (progress polling, report download) check the session themselves: the proxy only
// looks for a cookie.

export async function routeUser(permission: Permission): Promise<{ ok: true } | { ok: false; response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: Response.json({ code: 'UNAUTHENTICATED' }, { status: 401 }) };
  if (!can(user.role, permission)) return { ok: false, response: Response.json({ code: 'FORBIDDEN' }, { status: 403 }) };
  return { ok: true };
}
