import { z } from 'zod';
import { flexibleId, nullish } from './common';

// Full API users, API-REFERENCE §5.

export const createUserInputSchema = z.object({
  email: z.string().min(1),
  /** Digits with the country code and no "+", e.g. "48123456789". */
  phoneNumber: z.string().min(1),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  /** YYYY-MM-DD */
  dateOfBirth: z.string().min(1),
  nationality: z.string().min(1),
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const updateUserInputSchema = createUserInputSchema.partial().refine((v) => Object.keys(v).length > 0, {
  error: 'nothing to update',
});
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const createdUserWireSchema = z.looseObject({ id: flexibleId });

export const userWireSchema = z.looseObject({
  id: flexibleId,
  email: nullish(z.string()),
  phoneNumber: nullish(z.string()),
  firstName: nullish(z.string()),
  lastName: nullish(z.string()),
  dateOfBirth: nullish(z.string()),
  nationality: nullish(z.string()),
  // No documented list of user statuses exists, so the value is shown as sent.
  status: nullish(z.string()),
});
export type UserWire = z.infer<typeof userWireSchema>;
