import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/auth/permissions';

// The guards that keep the panel administrable. Pure: the caller supplies the count of active
// admins, read in the same serializable transaction as the change.

export interface TargetUser {
  id: string;
  role: Role;
  status: 'INVITED' | 'ACTIVE' | 'DISABLED';
}

function isActiveAdmin(user: TargetUser): boolean {
  return user.role === 'ADMIN' && user.status === 'ACTIVE';
}

export function assertCanSetStatus(actorId: string, target: TargetUser, next: 'ACTIVE' | 'DISABLED', activeAdmins: number): void {
  if (next === 'ACTIVE') {
    if (target.status !== 'DISABLED') throw new AppError('INVALID_STATE', 'This user is not disabled.');
    return;
  }
  if (target.status === 'DISABLED') throw new AppError('INVALID_STATE', 'This user is already disabled.');
  if (target.id === actorId) throw new AppError('INVALID_STATE', 'You cannot disable your own account.');
  if (isActiveAdmin(target) && activeAdmins <= 1) {
    throw new AppError('INVALID_STATE', 'This is the last active admin; make someone else admin first.');
  }
}

export function assertCanChangeRole(target: TargetUser, role: Role, activeAdmins: number): void {
  if (target.role === role) throw new AppError('INVALID_STATE', 'The user already has this role.');
  if (isActiveAdmin(target) && role !== 'ADMIN' && activeAdmins <= 1) {
    throw new AppError('INVALID_STATE', "This is the last active admin; their role cannot change until there is another admin.");
  }
}

/** Whether re-enabling brings the user back as ACTIVE or, never having signed in, as INVITED. */
export function statusWhenEnabled(user: { passwordHash: string | null; lastLoginAt: Date | null }): 'ACTIVE' | 'INVITED' {
  return user.passwordHash !== null || user.lastLoginAt !== null ? 'ACTIVE' : 'INVITED';
}
