'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { db } from '@/lib/db';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { publicKeyProblem } from '@/lib/sparados/public-key';
import { REVEAL_ROLE_CHOICES } from './policy';
import { revealCardDetails } from './reveal';
import { getRevealRole, REVEAL_ROLE_SETTING } from './reveal-role';

const revealSchema = z.object({
  cardId: z.uuid('Reload the page: the card reference is not valid'),
  publicKey: z
    .string()
    .max(4096, 'The browser sent a key that is too long')
    .refine((pem) => publicKeyProblem(pem) === null, 'The browser could not make a usable key (RSA, 2048 bits or more). Try another browser.'),
});

/** Not audited by the wrapper: reveal.ts records the request itself, before Sparados is asked. */
export const revealCardDetailsAction = defineAction({
  name: 'cards.reveal',
  permission: 'cards.reveal',
  requiredRole: getRevealRole,
  schema: revealSchema,
  // Its own transaction (the per-person count), so it takes the client, not the wrapper's context db.
  run: (input, { user, ip, now }) => revealCardDetails(input, { db, user, ip, now }),
});

export const setRevealRole = defineAction({
  name: 'settings.reveal_role',
  permission: 'settings.manage',
  schema: z.object({ role: z.enum(REVEAL_ROLE_CHOICES, { error: 'Choose Operator, Approver or Admin' }) }),
  transaction: true,
  revalidate: ['/settings', '/cards'],
  async run({ role }, { db, user }) {
    const before = await getRevealRole(db);
    await db.setting.upsert({ where: { key: REVEAL_ROLE_SETTING }, create: { key: REVEAL_ROLE_SETTING, value: role, updatedById: user.id }, update: { value: role, updatedById: user.id } });
    return { before, role };
  },
  audit: (_input, data, { user }) =>
    data.before === data.role
      ? null
      : {
          action: 'settings.reveal_role',
          summary: `${user.name} let ${ROLE_LABELS[data.role]}s and above see card details (was ${ROLE_LABELS[data.before]}s and above).`,
          targetType: 'Setting',
          targetId: REVEAL_ROLE_SETTING,
          before: { role: data.before },
          after: { role: data.role },
        },
});
