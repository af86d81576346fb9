'use server';

import { defineAction } from '@/lib/actions/define-action';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { z } from 'zod';
import { getSessionState } from '../session';
import { codeSchema, resetTwoFactorSchema } from './schemas';
import { UNREADABLE_MESSAGE, checkSecondFactor, confirmEnrolment, markSessionVerified, renewRecoveryCodes, resetSecondFactor, startEnrolment, turnOffOwn } from './service';

// One's own second factor (docs/decisions/109): setting it up is open to a session whose role requires
// it and lacks it; entering the code to a session that still waits for it; everything else needs a
// complete session. Resetting someone else's is an Admin's (users.manage). None revalidates a page:
// the set-up page would re-render without the recovery codes it has to show once (its pages are dynamic).

export const startTwoFactorSetup = defineAction({
  name: 'auth.two_factor_start',
  permission: 'account.manage',
  session: 'two-factor-setup',
  schema: z.object({}),
  run: (_input, { user }) => startEnrolment(user),
});

export const confirmTwoFactorSetup = defineAction({
  name: 'auth.two_factor_on',
  permission: 'account.manage',
  session: 'two-factor-setup',
  schema: codeSchema,
  // This session began without a second factor and stays usable: its code has just been entered.
  run: ({ code }, { user, ip }) => confirmEnrolment(user, code, ip),
});

export const verifyTwoFactor = defineAction({
  name: 'auth.two_factor',
  permission: 'account.manage',
  session: 'two-factor-pending',
  schema: codeSchema,
  async run({ code }, { user, ip }) {
    const state = await getSessionState();
    if (!state || state.user.id !== user.id) throw new AppError('UNAUTHENTICATED');
    if (state.factor === 'ok') return { via: 'already' as const, recoveryLeft: null };
    const check = await checkSecondFactor(user.id, code, ip);
    if (!check.ok) {
      if (check.reason === 'LOCKED') throw new AppError('RATE_LIMITED', `Too many wrong codes. Try again in ${check.minutes} minutes.`);
      if (check.reason === 'OFF') throw new AppError('INVALID_STATE', 'Two-factor sign-in was reset. Sign in again.');
      if (check.reason === 'UNREADABLE') throw new AppError('INVALID_STATE', UNREADABLE_MESSAGE);
      throw new AppError('VALIDATION', 'That code does not match. Type the newest code from your app, or a recovery code.', {
        fieldErrors: { code: ['That code does not match'] },
      });
    }
    await markSessionVerified(state.claims, getEnv().SESSION_MAX_AGE_MINUTES * 60);
    return { via: check.via, recoveryLeft: check.recoveryLeft };
  },
  audit: (_input, data, { user }) =>
    data.via === 'already'
      ? null
      : {
          action: 'auth.two_factor',
          summary:
            data.via === 'recovery'
              ? `${user.name} completed sign-in with a recovery code (${data.recoveryLeft} left).`
              : `${user.name} completed sign-in with a code from their authenticator app.`,
          targetType: 'AdminUser',
          targetId: user.id,
        },
});

export const renewOwnRecoveryCodes = defineAction({
  name: 'auth.recovery_codes',
  permission: 'account.manage',
  schema: codeSchema,
  run: ({ code }, { user, ip }) => renewRecoveryCodes(user, code, ip),
});

export const turnOffTwoFactor = defineAction({
  name: 'auth.two_factor_off',
  permission: 'account.manage',
  schema: codeSchema,
  async run({ code }, { user, ip }) {
    await turnOffOwn(user, code, ip);
    return { off: true };
  },
});

export const resetTwoFactor = defineAction({
  name: 'users.reset_two_factor',
  permission: 'users.manage',
  schema: resetTwoFactorSchema,
  transaction: true,
  revalidate: ['/settings/users'],
  run: ({ userId }, { db, user }) => resetSecondFactor(user, userId, db).then((target) => ({ userId, ...target })),
  audit: (_input, data, { user }) => ({
    action: 'users.reset_two_factor',
    summary: data.wasOn
      ? `${user.name} reset two-factor sign-in of ${data.name} <${data.email}>: their sessions ended and they set it up again at their next sign-in.`
      : `${user.name} reset the unfinished two-factor set-up of ${data.name} <${data.email}>; their sessions ended.`,
    targetType: 'AdminUser',
    targetId: data.userId,
    before: { twoFactor: data.wasOn ? 'on' : 'off' },
    after: { twoFactor: 'off' },
  }),
});
