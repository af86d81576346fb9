import { z } from 'zod';

/** Error body, API-REFERENCE §8. Every field optional: proxies and gateways answer with other shapes. */
export const errorBodySchema = z.looseObject({
  status: z.number().int().optional(),
  error: z.string().optional(),
  code: z.union([z.string(), z.number()]).transform(String).optional(),
  message: z.string().optional(),
  timestamp: z.string().optional(),
  path: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        field: z.string().optional().default(''),
        message: z.string().optional().default(''),
      }),
    )
    .optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
