'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { can, type Role } from '@/lib/auth/permissions';
import { cn } from '@/components/ui/cn';
import { NAV_ITEMS, isActive } from './nav-items';
import { RequestsCountBadge } from './requests-count-badge';

export function SidebarNav({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="space-y-1">
        {NAV_ITEMS.filter((item) => can(role, item.permission)).map((item) => {
          const active = isActive(item.href, pathname);
          const Icon = item.icon;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                onClick={onNavigate}
                className={cn(
                  'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium',
                  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-400',
                  active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white',
                )}
              >
                <Icon aria-hidden="true" className="h-5 w-5 shrink-0" />
                {item.label}
                {item.badge === 'requests' ? <RequestsCountBadge /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
