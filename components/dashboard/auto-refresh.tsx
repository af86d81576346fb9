'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

// Re-reads the server page (balances from Sparados, figures from the mirror) while the tab is visible.
export function AutoRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs, router]);
  return null;
}
