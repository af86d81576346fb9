import { z } from 'zod';

// Shared by the two-factor forms (client) and actions (server).

export const codeSchema = z.object({
  code: z
    .string({ error: 'Enter the code' })
    .trim()
    .min(6, 'Enter the 6-digit code from your app, or a recovery code')
    .max(32, 'That is longer than any code'),
});

export const resetTwoFactorSchema = z.object({ userId: z.uuid('Unknown user') });
