import { getBulkProgress } from '@/lib/bulk/queries';
import { routeUser } from '@/lib/bulk/route-auth';
import { isUuid } from '@/lib/ids';

// What the bulk page polls for its progress bar.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await routeUser('cards.view');
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const progress = isUuid(id) ? await getBulkProgress(id) : null;
  if (!progress) return Response.json({ code: 'NOT_FOUND' }, { status: 404 });
  return Response.json(progress, { headers: { 'cache-control': 'no-store' } });
}
