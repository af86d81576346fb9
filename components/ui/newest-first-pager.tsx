import Link from 'next/link';
import { Button } from './button';

// The pager of a keyset list shown newest first (audit log, transactions): back to the newest page,
// one page newer, one page older. Each page builds its own links, since each keeps its own filters in
// the address. Renders nothing when everything fits on one page.

export function NewestFirstPager({ newestHref, newerHref, olderHref }: { /** null on the newest page. */ newestHref: string | null; newerHref: string | null; olderHref: string | null }) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm">
      <div className="flex gap-2">
        {newestHref ? (
          <Button variant="ghost" size="sm" asChild>
            <Link href={newestHref}>Newest</Link>
          </Button>
        ) : null}
        {newerHref ? (
          <Button variant="secondary" size="sm" asChild>
            <Link href={newerHref} rel="prev">
              Newer
            </Link>
          </Button>
        ) : null}
      </div>
      {olderHref ? (
        <Button variant="secondary" size="sm" asChild>
          <Link href={olderHref} rel="next">
            Older
          </Link>
        </Button>
      ) : null}
    </nav>
  );
}
