import { ArrowLeftRight, Contact, CreditCard, Inbox, LayoutDashboard, ScrollText, Settings, type LucideIcon } from 'lucide-react';
import type { Permission } from '@/lib/auth/permissions';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Entries the role cannot open are not shown; the pages check again on the server. */
  permission: Permission;
  /** A live count beside the label (polled; see requests-count-badge.tsx). */
  badge?: 'requests';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Dashboard', icon: LayoutDashboard, permission: 'dashboard.view' },
  { href: '/cards', label: 'Cards', icon: CreditCard, permission: 'cards.view' },
  { href: '/requests', label: 'Requests', icon: Inbox, permission: 'requests.view', badge: 'requests' },
  { href: '/transactions', label: 'Transactions', icon: ArrowLeftRight, permission: 'transactions.view' },
  { href: '/cardholders', label: 'Cardholders', icon: Contact, permission: 'cardholders.view' },
  { href: '/audit', label: 'Audit log', icon: ScrollText, permission: 'audit.view' },
  { href: '/settings', label: 'Settings', icon: Settings, permission: 'settings.view' },
];

/** The entry for a path: exact for the dashboard, by prefix for the rest (/cards/123 → Cards). */
export function isActive(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
