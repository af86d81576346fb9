'use client';

import { useQuery } from '@tanstack/react-query';

// Requests waiting for an answer, beside the sidebar's Requests entry. Polls a cached count
// (app/api/requests/count); decisions taken in this tab refresh it at once (same query key).

const REFRESH_MS = 20_000;

async function fetchCount(): Promise<number> {
  const response = await fetch('/api/requests/count', { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`requests count: HTTP ${response.status}`);
  return ((await response.json()) as { count: number }).count;
}

export function RequestsCountBadge() {
  const { data } = useQuery({ queryKey: ['requests-count'], queryFn: fetchCount, refetchInterval: REFRESH_MS, staleTime: REFRESH_MS / 2 });
  if (!data) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-400 px-2 py-0.5 text-xs font-semibold text-slate-900 tabular-nums" data-testid="requests-count">
      {data > 99 ? '99+' : data}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
