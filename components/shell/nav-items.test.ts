import { describe, expect, it } from 'vitest';
import { can } from '@/lib/auth/permissions';
import { NAV_ITEMS, isActive } from './nav-items';

describe('navigation', () => {
  it('lists the seven sections in order', () => {
    expect(NAV_ITEMS.map((item) => item.label)).toEqual([
      'Dashboard',
      'Cards',
      'Requests',
      'Transactions',
      'Cardholders',
      'Audit log',
      'Settings',
    ]);
  });

  it('shows Settings to admins only', () => {
    const visible = (role: 'VIEWER' | 'ADMIN') => NAV_ITEMS.filter((item) => can(role, item.permission)).map((i) => i.label);
    expect(visible('VIEWER')).not.toContain('Settings');
    expect(visible('ADMIN')).toContain('Settings');
  });

  it('marks the dashboard only on / and other sections on their sub-pages', () => {
    expect(isActive('/', '/')).toBe(true);
    expect(isActive('/', '/cards')).toBe(false);
    expect(isActive('/cards', '/cards/abc')).toBe(true);
    expect(isActive('/cards', '/cardholders')).toBe(false);
  });
});
