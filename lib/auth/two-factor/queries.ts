import 'server-only';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { Role } from '../permissions';

export interface TwoFactorStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** The user's role must have it (MFA_REQUIRED_ROLES): it cannot be turned off, only reset by an Admin. */
  required: boolean;
}

export async function twoFactorStatus(userId: string, role: Role): Promise<TwoFactorStatus> {
  const [user, recoveryCodesLeft] = await Promise.all([
    db.adminUser.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabledAt: user.totpEnabledAt, recoveryCodesLeft, required: getEnv().MFA_REQUIRED_ROLES.includes(role) };
}
