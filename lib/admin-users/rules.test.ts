import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { assertCanChangeRole, assertCanSetStatus, statusWhenEnabled, type TargetUser } from './rules';

const admin: TargetUser = { id: 'a', role: 'ADMIN', status: 'ACTIVE' };
const viewer: TargetUser = { id: 'v', role: 'VIEWER', status: 'ACTIVE' };

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('admin user rules', () => {
  it('refuses to disable yourself', () => {
    expect(codeOf(() => assertCanSetStatus('a', admin, 'DISABLED', 2))).toBe('INVALID_STATE');
  });

  it('refuses to disable the last active admin but allows it when another exists', () => {
    expect(codeOf(() => assertCanSetStatus('x', admin, 'DISABLED', 1))).toBe('INVALID_STATE');
    expect(codeOf(() => assertCanSetStatus('x', admin, 'DISABLED', 2))).toBeUndefined();
    expect(codeOf(() => assertCanSetStatus('x', viewer, 'DISABLED', 1))).toBeUndefined();
  });

  it('only enables disabled users and only disables enabled ones', () => {
    expect(codeOf(() => assertCanSetStatus('x', viewer, 'ACTIVE', 1))).toBe('INVALID_STATE');
    expect(codeOf(() => assertCanSetStatus('x', { ...viewer, status: 'DISABLED' }, 'DISABLED', 1))).toBe('INVALID_STATE');
    expect(codeOf(() => assertCanSetStatus('x', { ...viewer, status: 'DISABLED' }, 'ACTIVE', 1))).toBeUndefined();
  });

  it("refuses to change the last active admin's role", () => {
    expect(codeOf(() => assertCanChangeRole(admin, 'APPROVER', 1))).toBe('INVALID_STATE');
    expect(codeOf(() => assertCanChangeRole(admin, 'APPROVER', 2))).toBeUndefined();
    expect(codeOf(() => assertCanChangeRole(viewer, 'ADMIN', 1))).toBeUndefined();
    expect(codeOf(() => assertCanChangeRole(viewer, 'VIEWER', 1))).toBe('INVALID_STATE');
  });

  it('brings back users who never signed in as invited', () => {
    expect(statusWhenEnabled({ passwordHash: null, lastLoginAt: null })).toBe('INVITED');
    expect(statusWhenEnabled({ passwordHash: 'x', lastLoginAt: null })).toBe('ACTIVE');
    expect(statusWhenEnabled({ passwordHash: null, lastLoginAt: new Date() })).toBe('ACTIVE');
  });
});
