import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { acceptInvitationSchema } from './schemas';

const accept = (password: string) => acceptInvitationSchema.safeParse({ token: 't'.repeat(32), password, confirmPassword: password });

describe('acceptInvitationSchema', () => {
  it('takes its password limits from the sign-in policy', () => {
    expect(accept('x'.repeat(PASSWORD_MIN_LENGTH)).success).toBe(true);
    expect(accept('x'.repeat(PASSWORD_MAX_LENGTH)).success).toBe(true);
    const short = accept('x'.repeat(PASSWORD_MIN_LENGTH - 1));
    expect(short.error?.issues[0].message).toBe(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
    const long = accept('x'.repeat(PASSWORD_MAX_LENGTH + 1));
    expect(long.error?.issues[0].message).toBe(`Use at most ${PASSWORD_MAX_LENGTH} characters`);
  });
});
