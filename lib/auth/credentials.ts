import 'server-only';
import type { AdminUser, PrismaClient } from '@/lib/generated/prisma/client';
import { recordAudit } from '@/lib/audit/record';
import { hashPassword, needsRehash, PASSWORD_MAX_LENGTH, verifyAgainstDummy, verifyPassword } from './password';
import type { SessionUser } from './session-user';
import {
  normalizeEmail,
  recordLoginFailure,
  releaseLoginAttempt,
  reserveLoginAttempt,
  throttleKeys,
  type ThrottleLimits,
} from './throttle';

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
 * The whole password sign-in decision: take a throttle slot, verify, check status, reset the counter.
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

  // The slot is taken before the password is checked, so a burst of parallel guesses gets at most
  // the limit's worth of verifications (decision 052).
  const reservation = await reserveLoginAttempt(db, keys, limits, now);
  if (reservation.locked) return { ok: false, reason: 'LOCKED', minutes: reservation.minutes };

  let user: AdminUser | null;
  let valid: boolean;
  try {
    user = await db.adminUser.findUnique({ where: { email } });
    valid =
      user?.passwordHash && password.length <= PASSWORD_MAX_LENGTH
        ? await verifyPassword(user.passwordHash, password)
        : await verifyAgainstDummy(password);
  } catch (error) {
    // No answer either way: give the slot back rather than hold it until the window ends.
    await releaseLoginAttempt(db, keys, { signedIn: false, now }).catch(() => undefined);
    throw error;
  }

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
  const active = user?.status === 'ACTIVE';
  await releaseLoginAttempt(db, keys, { signedIn: active, now });
  if (!user || !active) return { ok: false, reason: 'INACTIVE' };

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
