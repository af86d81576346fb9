'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { testSparadosConnection } from './connection-test';
import { CONTRACT_SETTING, getContractType } from './contract';
import { CONTRACT_LABELS, CONTRACT_TYPES } from './contract-type';

// Settings page, ADMIN only: one read-only call to Sparados to show whether the connection works.
// Not audited: it changes nothing, and a failure is shown, not stored.

export const testSparadosConnectionAction = defineAction({
  name: 'settings.sparados.test',
  permission: 'settings.manage',
  schema: z.object({}),
  run: () => testSparadosConnection(),
});

/** Settings → Sparados contract: Simple or Full. Full API options appear and work only under Full. */
export const setSparadosContract = defineAction({
  name: 'settings.sparados_contract',
  permission: 'settings.manage',
  schema: z.object({ contract: z.enum(CONTRACT_TYPES, { error: 'Choose Simple or Full' }) }),
  transaction: true,
  // The panel layout reads the contract: every page shows or hides the Full API options by it.
  revalidate: ['/', '/settings'],
  async run({ contract }, { db, user }) {
    const before = await getContractType(db);
    await db.setting.upsert({ where: { key: CONTRACT_SETTING }, create: { key: CONTRACT_SETTING, value: contract, updatedById: user.id }, update: { value: contract, updatedById: user.id } });
    return { before, contract };
  },
  audit: (_input, data, { user }) =>
    data.before === data.contract
      ? null
      : {
          action: 'settings.sparados_contract',
          summary: `${user.name} set the Sparados contract to ${CONTRACT_LABELS[data.contract]} (was ${CONTRACT_LABELS[data.before]}).`,
          targetType: 'Setting',
          targetId: CONTRACT_SETTING,
          before: { contract: data.before },
          after: { contract: data.contract },
        },
});
