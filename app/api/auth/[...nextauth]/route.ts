import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per call (cached after the first) so `next build` needs no runtime environment.
function handler(request: Request, context: RouteContext): Promise<Response> {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
