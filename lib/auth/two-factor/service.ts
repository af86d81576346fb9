import 'server-only';
import QRCode from 'qrcode';
import { recordAudit } from '@/lib/audit/record';
import { db as defaultDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { seal, sealingKey, unseal } from '@/lib/security/seal';
import type { SessionClaims } from '../session-check';
import type { SessionUser } from '../session-user';
import { recordLoginFailure, releaseLoginAttempt, reserveLoginAttempt, throttleKeys } from '../throttle';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from './recovery';
import { acceptedStep, newTotpSecret, totpUri } from './totp';

// Two-factor sign-in with an authenticator app (docs/decisions/109): setting it up (a secret shown once
// as a QR code, confirmed by its first code, with ten recovery codes), checking a session's code, and
// resetting it (another Admin, audited). Secrets are sealed at rest; recovery codes are kept as keyed
// hashes; a wrong code counts against the same sign-in throttle as a wrong password.

function keys(secret: string = getEnv().NEXTAUTH_SECRET) {
  return {
    totp: sealingKey(secret, 'totp-secrets', 'sparados-panel authenticator secret'),
    recovery: sealingKey(secret, 'recovery-codes', 'sparados-panel recovery code'),
  };
}

function throttleLimits() {
  const env = getEnv();
  return { maxFailures: env.LOGIN_MAX_FAILURES, lockMinutes: env.LOGIN_LOCK_MINUTES };
}

export interface EnrolmentStart {
  /** The secret for typing into an app by hand, in groups of four. */
  manualKey: string;
  uri: string;
  /** The QR code of `uri`, as an SVG data URL. */
  qrDataUrl: string;
}

/** Starts (or restarts) setting up: a new secret waits, sealed, until its first code confirms it. */
export async function startEnrolment(user: SessionUser, db: PrismaClient = defaultDb): Promise<EnrolmentStart> {
  const row = await db.adminUser.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  if (row.totpEnabledAt) throw new AppError('INVALID_STATE', 'Two-factor sign-in is already on. Turn it off first to set up another app.');
  const secret = newTotpSecret();
  await db.adminUser.update({ where: { id: user.id }, data: { totpPendingSealed: seal(secret, keys().totp) } });
  const uri = totpUri(secret, user.email);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { manualKey: secret.match(/.{1,4}/g)!.join(' '), uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

async function replaceRecoveryCodes(db: PrismaClient | Parameters<Parameters<PrismaClient['$transaction']>[0]>[0], userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code, keys().recovery) })) });
  return codes;
}

const wrongCode = (field = 'code') => new AppError('VALIDATION', 'That code does not match. Check the time on your phone and type the newest code.', { fieldErrors: { [field]: ['That code does not match'] } });

/** Confirms the app with its first code: two-factor sign-in is on; the recovery codes are returned once. */
export async function confirmEnrolment(user: SessionUser, code: string, ip: string | null, db: PrismaClient = defaultDb): Promise<{ recoveryCodes: string[] }> {
  const row = await db.adminUser.findUniqueOrThrow({ where: { id: user.id }, select: { totpPendingSealed: true, totpEnabledAt: true } });
  if (row.totpEnabledAt) throw new AppError('INVALID_STATE', 'Two-factor sign-in is already on.');
  if (!row.totpPendingSealed) throw new AppError('INVALID_STATE', 'Start setting up first: the page shows a new QR code.');
  const secret = unseal(row.totpPendingSealed, keys().totp);
  const step = acceptedStep(code, secret, null);
  if (step === null) throw wrongCode();
  const recoveryCodes = await db.$transaction(async (tx) => {
    await tx.adminUser.update({
      where: { id: user.id },
      data: { totpSecretSealed: row.totpPendingSealed, totpPendingSealed: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, { action: 'auth.two_factor_on', summary: `${user.name} turned on two-factor sign-in.`, targetType: 'AdminUser', targetId: user.id }, { actor: user, ip });
    return codes;
  });
  return { recoveryCodes };
}

export type FactorCheck =
  | { ok: true; via: 'app' | 'recovery'; recoveryLeft: number }
  /** UNREADABLE: the secret was sealed under another NEXTAUTH_SECRET; only a reset helps (SECURITY.md). */
  | { ok: false; reason: 'WRONG' | 'LOCKED' | 'OFF' | 'UNREADABLE'; minutes?: number };

export const UNREADABLE_MESSAGE =
  'Your two-factor secret can no longer be read (the server was given a new secret). Ask an Admin to reset your two-factor sign-in.';

function readableSecret(sealed: string): string | null {
  try {
    return unseal(sealed, keys().totp);
  } catch {
    return null;
  }
}

/**
 * Checks a code against the user's second factor: a code from the app (never the same time step twice)
 * or an unused recovery code (used up by this). Counted like a password attempt.
 */
export async function checkSecondFactor(userId: string, code: string, ip: string | null, db: PrismaClient = defaultDb, now: Date = new Date()): Promise<FactorCheck> {
  const user = await db.adminUser.findUnique({ where: { id: userId }, select: { email: true, totpSecretSealed: true, totpLastStep: true, totpEnabledAt: true } });
  if (!user?.totpEnabledAt || !user.totpSecretSealed) return { ok: false, reason: 'OFF' };
  const secret = readableSecret(user.totpSecretSealed);
  if (secret === null) return { ok: false, reason: 'UNREADABLE' };
  const throttle = throttleKeys(user.email, ip);
  const reservation = await reserveLoginAttempt(db, throttle, throttleLimits(), now);
  if (reservation.locked) return { ok: false, reason: 'LOCKED', minutes: reservation.minutes };

  let via: 'app' | 'recovery' | null = null;
  if (looksLikeRecoveryCode(code)) {
    const used = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code, keys().recovery), usedAt: null }, data: { usedAt: now } });
    if (used.count === 1) via = 'recovery';
  } else {
    const step = acceptedStep(code, secret, user.totpLastStep, now);
    // Claimed in one conditional update: the same code sent twice at once is accepted once.
    if (step !== null) {
      const claimed = await db.adminUser.updateMany({ where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
      if (claimed.count === 1) via = 'app';
    }
  }
  if (!via) {
    const after = await recordLoginFailure(db, throttle, throttleLimits(), now);
    return after.locked ? { ok: false, reason: 'LOCKED', minutes: after.minutes } : { ok: false, reason: 'WRONG' };
  }
  await releaseLoginAttempt(db, throttle, { signedIn: true, now });
  const recoveryLeft = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { ok: true, via, recoveryLeft };
}

/** This session entered its code: from now on it may use the panel. */
export async function markSessionVerified(claims: SessionClaims, maxAgeSeconds: number, db: PrismaClient = defaultDb): Promise<void> {
  const expiresAt = new Date((claims.authTime + maxAgeSeconds) * 1000);
  await db.verifiedSession.upsert({ where: { sid: claims.sid }, create: { sid: claims.sid, userId: claims.uid, expiresAt }, update: {} });
  await db.verifiedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

async function requireCode(user: SessionUser, code: string, ip: string | null, db: PrismaClient): Promise<void> {
  const check = await checkSecondFactor(user.id, code, ip, db);
  if (check.ok) return;
  if (check.reason === 'LOCKED') throw new AppError('RATE_LIMITED', `Too many wrong codes. Try again in ${check.minutes} minutes.`);
  if (check.reason === 'OFF') throw new AppError('INVALID_STATE', 'Two-factor sign-in is not on.');
  if (check.reason === 'UNREADABLE') throw new AppError('INVALID_STATE', UNREADABLE_MESSAGE);
  throw wrongCode();
}

/** New recovery codes (the old ones stop working), after a code from the app or a recovery code. */
export async function renewRecoveryCodes(user: SessionUser, code: string, ip: string | null, db: PrismaClient = defaultDb): Promise<{ recoveryCodes: string[] }> {
  await requireCode(user, code, ip, db);
  const recoveryCodes = await db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, { action: 'auth.recovery_codes', summary: `${user.name} made new recovery codes; the old ones no longer work.`, targetType: 'AdminUser', targetId: user.id }, { actor: user, ip });
    return codes;
  });
  return { recoveryCodes };
}

function clearedFactor() {
  return { totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null };
}

/** Turns one's own two-factor sign-in off (after a code), unless one's role requires it. */
export async function turnOffOwn(user: SessionUser, code: string, ip: string | null, db: PrismaClient = defaultDb): Promise<void> {
  if (getEnv().MFA_REQUIRED_ROLES.includes(user.role)) throw new AppError('FORBIDDEN', 'Your role requires two-factor sign-in: it cannot be turned off. An Admin can reset it if you lost your phone.');
  await requireCode(user, code, ip, db);
  await db.$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: user.id }, data: clearedFactor() });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { action: 'auth.two_factor_off', summary: `${user.name} turned off two-factor sign-in.`, targetType: 'AdminUser', targetId: user.id }, { actor: user, ip });
  });
}

/**
 * Another Admin resets someone's second factor (a lost phone): the secret and recovery codes are gone,
 * every session of theirs ends, and they set it up again at their next sign-in. Audited.
 */
export async function resetSecondFactor(admin: SessionUser, userId: string, tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]): Promise<{ name: string; email: string; wasOn: boolean }> {
  if (userId === admin.id) throw new AppError('FORBIDDEN', 'Another Admin must reset your own two-factor sign-in.');
  const target = await tx.adminUser.findUnique({ where: { id: userId }, select: { name: true, email: true, totpEnabledAt: true, totpPendingSealed: true } });
  if (!target) throw new AppError('NOT_FOUND', 'This admin user does not exist.');
  await tx.adminUser.update({ where: { id: userId }, data: { ...clearedFactor(), sessionVersion: { increment: 1 } } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  return { name: target.name, email: target.email, wasOn: target.totpEnabledAt !== null };
}
