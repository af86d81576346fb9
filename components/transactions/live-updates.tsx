'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { NewerThan } from '@/lib/transactions/view-types';

// New transactions without a reload: a small "newer than" poll under the page's filters. On the
// first page the list redraws itself (router.refresh re-runs the server page, keeping scroll and the
// open drawer); deeper pages offer a link back to the newest instead of shifting rows under the reader.

export const POLL_MS = 5_000;

async function fetchNewer(since: string, filterSearch: string): Promise<NewerThan> {
  const params = new URLSearchParams(filterSearch);
  params.set('since', since);
  const response = await fetch(`/api/transactions/newer?${params.toString()}`, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`newer: HTTP ${response.status}`);
  return (await response.json()) as NewerThan;
}

export function LiveUpdates({ since, filterSearch, firstPage, newestHref }: { since: string; filterSearch: string; firstPage: boolean; newestHref: string }) {
  const router = useRouter();
  const { data, isError } = useQuery({
    queryKey: ['transactions-newer', since, filterSearch],
    queryFn: () => fetchNewer(since, filterSearch),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const [announcement, setAnnouncement] = useState('');
  const refreshedFor = useRef<string | null>(null);
  const count = data?.count ?? 0;

  useEffect(() => {
    if (!firstPage || count === 0 || !data?.latest || refreshedFor.current === data.latest) return;
    refreshedFor.current = data.latest;
    setAnnouncement(`${count === 100 ? '100 or more' : count} new or updated transaction${count === 1 ? '' : 's'}`);
    router.refresh();
  }, [firstPage, count, data?.latest, router]);

  return (
    <div className="flex min-h-6 flex-wrap items-center gap-3 text-xs text-slate-500">
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className={`h-2 w-2 rounded-full ${isError ? 'bg-amber-500' : 'bg-emerald-500'}`} />
        {isError ? 'Live updates paused: the panel could not be reached.' : 'Live: new transactions appear by themselves.'}
      </span>
      <span aria-live="polite" className="empty:hidden">
        {firstPage ? announcement : ''}
      </span>
      {!firstPage && count > 0 ? (
        <Link href={newestHref} className="font-medium text-indigo-700 underline" data-testid="newer-link">
          {count === 100 ? '100+' : count} newer transaction{count === 1 ? '' : 's'}: show the newest
        </Link>
      ) : null}
    </div>
  );
}
