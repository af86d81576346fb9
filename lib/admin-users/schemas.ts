import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { ROLES } from '@/lib/auth/permissions';

// Shared by the forms (client) and the actions (server).

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid e-mail address').max(320, 'E-mail is too long'));

export const inviteAdminUserSchema = z.object({
  email: emailField,
  name: z.string().trim().min(1, 'Enter a name').max(120, 'Name is too long (120 characters at most)'),
  role: z.enum(ROLES, { error: 'Choose a role' }),
});

export const userIdSchema = z.object({ userId: z.uuid('Unknown user') });

export const changeRoleSchema = userIdSchema.extend({ role: z.enum(ROLES, { error: 'Choose a role' }) });

export const setStatusSchema = userIdSchema.extend({ status: z.enum(['ACTIVE', 'DISABLED']) });

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(16).max(200),
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });

export type InviteAdminUserInput = z.input<typeof inviteAdminUserSchema>;
