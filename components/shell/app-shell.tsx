'use client';

import { CreditCard, Menu, X } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { SidebarNav } from './sidebar';
import { SignOutButton } from './sign-out-button';

const SIDEBAR_ID = 'main-sidebar';

/**
 * The panel frame: a fixed sidebar on wide screens; on narrow ones a menu button opens it as an
 * overlay (closed by Escape, the backdrop, the close button or choosing a page).
 */
export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="min-h-screen lg:pl-64">
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>

      {open ? <div aria-hidden="true" className="fixed inset-0 z-30 bg-slate-900/50 lg:hidden" onClick={() => setOpen(false)} /> : null}

      <aside
        id={SIDEBAR_ID}
        aria-label="Sidebar"
        className={cn(
          'fixed inset-y-0 left-0 z-40 flex w-64 flex-col bg-slate-900 px-3 py-4 transition-transform lg:translate-x-0',
          open ? 'translate-x-0' : '-translate-x-full',
          // Hidden from keyboard and screen readers while slid away on small screens.
          open ? 'visible' : 'invisible lg:visible',
        )}
      >
        <div className="mb-6 flex items-center justify-between px-2">
          <Link href="/" className="flex items-center gap-2 text-base font-semibold text-white" onClick={() => setOpen(false)}>
            <CreditCard aria-hidden="true" className="h-6 w-6 text-indigo-400" />
            Sparados panel
          </Link>
          <button
            type="button"
            className="rounded-md p-1 text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-400 lg:hidden"
            aria-label="Close menu"
            onClick={() => setOpen(false)}
          >
            <X aria-hidden="true" className="h-5 w-5" />
          </button>
        </div>
        <SidebarNav role={user.role} onNavigate={() => setOpen(false)} />
      </aside>

      <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/95 px-4 backdrop-blur sm:px-6">
        <button
          type="button"
          className="-ml-1 rounded-md p-2 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 lg:hidden"
          aria-label="Open menu"
          aria-controls={SIDEBAR_ID}
          aria-expanded={open}
          onClick={() => setOpen(true)}
        >
          <Menu aria-hidden="true" className="h-5 w-5" />
        </button>
        <div className="ml-auto flex min-w-0 items-center gap-3">
          <div className="flex min-w-0 flex-col items-end leading-tight sm:flex-row sm:items-center sm:gap-2">
            <Link href="/account" className="truncate text-sm font-medium text-slate-900 underline-offset-2 hover:underline" title={`${user.email}: your account`}>
              {user.name}
            </Link>
            <Badge tone={user.role === 'ADMIN' ? 'info' : 'neutral'} aria-label={`Role: ${ROLE_LABELS[user.role]}`}>
              {ROLE_LABELS[user.role]}
            </Badge>
          </div>
          <SignOutButton />
        </div>
      </header>

      <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
