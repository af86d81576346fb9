'use server';

import { defineAction } from '@/lib/actions/define-action';
import { formatMoney, toSafeNumber } from '@/lib/money';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { lowBalanceThresholdSchema } from './threshold-schema';

// Settings → the dashboard's low-balance alert (ADMIN). Stored as a Setting row in minor units.

const KEY = 'alerts.lowBalanceMinor';

export const updateLowBalanceThreshold = defineAction({
  name: 'settings.low_balance_threshold',
  permission: 'settings.manage',
  schema: lowBalanceThresholdSchema,
  transaction: true,
  revalidate: ['/', '/settings'],
  async run({ thresholdMinor }, { db, user }) {
    const before = await db.setting.findUnique({ where: { key: KEY } });
    const value = toSafeNumber(thresholdMinor);
    await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value, updatedById: user.id }, update: { value, updatedById: user.id } });
    return { beforeMinor: typeof before?.value === 'number' ? before.value : DEFAULT_SETTINGS[KEY], thresholdMinor: value };
  },
  audit: (input, data, { user }) => ({
    action: 'settings.low_balance_threshold',
    summary: `${user.name} set the low-balance alert to ${formatMoney(data.thresholdMinor, input.currency)} (was ${formatMoney(data.beforeMinor, input.currency)}).`,
    targetType: 'Setting',
    targetId: KEY,
    before: { thresholdMinor: data.beforeMinor },
    after: { thresholdMinor: data.thresholdMinor },
  }),
});
