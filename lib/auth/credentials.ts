import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { recordAudit } from '@/lib/audit/record';
import { hashPassword, needsRehash, PASSWORD_MAX_LENGTH, verifyAgainstDummy, verifyPassword } from './password';
import type { SessionUser } from './session-user';
import { clearLoginFailures, loginLockStatus, normalizeEmail, recordLoginFailure, throttleKeys, type ThrottleLimits } from './throttle';

export type SignInOutcome =
  | { ok: true; user: SessionUser & { sessionVersion: number } }
  | { ok: false; reason: 'INVALID' }
  | { ok: false; reason: 'INACTIVE' }
  | { ok: false; reason: 'LOCKED'; minutes: number };

export interface CredentialsInput {
  email: unknown;
  password: unknown;
  ip: string | null;
}

const MAX_EMAIL_LENGTH = 320;

/**
 * The whole password sign-in decision: throttle, verify, check status, reset the counter.
 * Unknown e-mails cost the same argon2 work and count against the same limits as known ones.
 */
export async function checkCredentials(
  db: PrismaClient,
  input: CredentialsInput,
  limits: ThrottleLimits,
  now: Date = new Date(),
): Promise<SignInOutcome> {
  if (typeof input.email !== 'string' || typeof input.password !== 'string') return { ok: false, reason: 'INVALID' };
  const email = normalizeEmail(input.email);
  if (!email || email.length > MAX_EMAIL_LENGTH) return { ok: false, reason: 'INVALID' };
  const password = input.password;
  const keys = throttleKeys(email, input.ip);

  const lock = await loginLockStatus(db, keys, now);
  if (lock.locked) return { ok: false, reason: 'LOCKED', minutes: lock.minutes };

  const user = await db.adminUser.findUnique({ where: { email } });
  const valid =
    user?.passwordHash && password.length <= PASSWORD_MAX_LENGTH
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstDummy(password);

  if (!valid) {
    const after = await recordLoginFailure(db, keys, limits, now);
    if (!after.locked) return { ok: false, reason: 'INVALID' };
    if (user) {
      await recordAudit(
        db,
        {
          action: 'auth.locked',
          summary: `Sign-in for ${user.email} was locked for ${after.minutes} minutes after repeated wrong passwords.`,
          targetType: 'AdminUser',
          targetId: user.id,
        },
        { actor: null, ip: input.ip, at: now },
      );
    }
    return { ok: false, reason: 'LOCKED', minutes: after.minutes };
  }

  // user is set here: the dummy verification never succeeds.
  if (!user || user.status !== 'ACTIVE') return { ok: false, reason: 'INACTIVE' };

  await clearLoginFailures(db, email);
  const upgrade = user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(password) : undefined;
  await db.adminUser.update({
    where: { id: user.id },
    data: { lastLoginAt: now, ...(upgrade ? { passwordHash: upgrade } : {}) },
  });
  await recordAudit(
    db,
    { action: 'auth.sign_in', summary: `${user.name} signed in with a password.`, targetType: 'AdminUser', targetId: user.id },
    { actor: { id: user.id, email: user.email, name: user.name }, ip: input.ip, at: now },
  );
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
