import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, can, isRole, permissionsOf, roleAtLeast, type Permission } from './permissions';

describe('permissions', () => {
  it('orders roles VIEWER < OPERATOR < APPROVER < ADMIN', () => {
    expect(roleAtLeast('ADMIN', 'APPROVER')).toBe(true);
    expect(roleAtLeast('APPROVER', 'OPERATOR')).toBe(true);
    expect(roleAtLeast('OPERATOR', 'VIEWER')).toBe(true);
    expect(roleAtLeast('OPERATOR', 'APPROVER')).toBe(false);
    expect(roleAtLeast('VIEWER', 'OPERATOR')).toBe(false);
  });

  it('gives every role all permissions of the roles below it', () => {
    for (let i = 1; i < ROLES.length; i += 1) {
      const lower = permissionsOf(ROLES[i - 1]);
      const higher = permissionsOf(ROLES[i]);
      expect(higher).toEqual(expect.arrayContaining(lower));
      expect(higher.length).toBeGreaterThanOrEqual(lower.length);
    }
  });

  it('keeps admin-only powers away from every other role', () => {
    for (const permission of ['users.manage', 'settings.manage', 'settings.view'] as Permission[]) {
      expect(can('ADMIN', permission)).toBe(true);
      expect(can('APPROVER', permission)).toBe(false);
      expect(can('OPERATOR', permission)).toBe(false);
      expect(can('VIEWER', permission)).toBe(false);
    }
  });

  it('lets an operator ask for top-ups but not approve them or answer requests', () => {
    expect(can('OPERATOR', 'cards.topup')).toBe(true);
    expect(can('OPERATOR', 'requests.decide')).toBe(false);
    expect(can('APPROVER', 'requests.decide')).toBe(true);
  });

  it('lets a viewer read but never write', () => {
    expect(can('VIEWER', 'cards.view')).toBe(true);
    expect(can('VIEWER', 'cards.assign')).toBe(false);
    expect(permissionsOf('VIEWER').every((p) => PERMISSIONS[p] === 'VIEWER')).toBe(true);
  });

  it('refuses everything without a role', () => {
    expect(can(null, 'dashboard.view')).toBe(false);
    expect(can(undefined, 'dashboard.view')).toBe(false);
  });

  it('recognises roles', () => {
    expect(isRole('ADMIN')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole(3)).toBe(false);
  });
});
