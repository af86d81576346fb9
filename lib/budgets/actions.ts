'use server';

import { defineAction } from '@/lib/actions/define-action';
import { formatMoney, toSafeNumber } from '@/lib/money';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { changeManyBudgets } from './bulk';
import { budgetAuditDraft } from './change';
import { approveBudgetChange as approve, decisionAuditDraft, declineBudgetChange as decline, withdrawBudgetChange as withdraw } from './four-eyes';
import { budgetChangeDecisionSchema, bulkBudgetSchema, reclaimSchema, topUpLimitsSchema } from './schemas';
import { TOPUP_LIMIT_KEYS, type TopUpRole } from './thresholds';

// Server actions of budget changes on many cards, reclaiming idle budget, the four-eyes decisions
// and their limits in Settings. The one-card change is `changeBudget` in lib/approvals/actions.ts.

const BUDGET_PATHS = ['/cards', '/requests', '/requests/reclaim', '/cards/budgets'];

function rowDrafts(actorName: string, rows: Awaited<ReturnType<typeof changeManyBudgets>>) {
  return rows.flatMap((row) => (row.result && !row.result.replayed ? [budgetAuditDraft(actorName, row.result)] : []));
}

export const changeBudgets = defineAction({
  name: 'budgets.bulk_change',
  permission: 'cards.topup',
  schema: bulkBudgetSchema,
  run: async (input, { user }) => ({ rows: await changeManyBudgets(input, user) }),
  audit: (_input, data, { user }) => rowDrafts(user.name, data.rows),
  revalidate: BUDGET_PATHS,
});

/** Reclaim: each selected card's budget goes down to what it has spent (available set to zero). */
export const reclaimIdleBudget = defineAction({
  name: 'budgets.reclaim',
  permission: 'cards.topup',
  schema: reclaimSchema,
  run: async (input, { user }) => ({ rows: await changeManyBudgets({ ...input, mode: 'target', amountMinor: 0n }, user) }),
  audit: (_input, data, { user }) => rowDrafts(user.name, data.rows),
  revalidate: BUDGET_PATHS,
});

export const approveBudgetChange = defineAction({
  name: 'budgets.approve',
  permission: 'requests.decide',
  schema: budgetChangeDecisionSchema,
  run: (input, { user }) => approve(input.changeId, user),
  audit: (_input, data, { user }) => (data.replayed ? null : decisionAuditDraft(user.name, 'approve', data)),
  revalidate: (_input, data) => [...BUDGET_PATHS, `/cards/${data.cardId}`],
});

export const declineBudgetChange = defineAction({
  name: 'budgets.decline',
  permission: 'requests.decide',
  schema: budgetChangeDecisionSchema,
  run: (input, { user }) => decline(input.changeId, input.reason, user),
  audit: (_input, data, { user }) => (data.replayed ? null : decisionAuditDraft(user.name, 'decline', data)),
  revalidate: (_input, data) => [...BUDGET_PATHS, `/cards/${data.cardId}`],
});

/** The requester takes back their own waiting change. */
export const withdrawBudgetChange = defineAction({
  name: 'budgets.withdraw',
  permission: 'cards.topup',
  schema: budgetChangeDecisionSchema,
  run: (input, { user }) => withdraw(input.changeId, user),
  audit: (_input, data, { user }) => (data.replayed ? null : decisionAuditDraft(user.name, 'withdraw', data)),
  revalidate: (_input, data) => [...BUDGET_PATHS, `/cards/${data.cardId}`],
});

const ROLES: TopUpRole[] = ['OPERATOR', 'APPROVER', 'ADMIN'];

export const updateTopUpLimits = defineAction({
  name: 'settings.topup_limits',
  permission: 'settings.manage',
  schema: topUpLimitsSchema,
  transaction: true,
  revalidate: ['/settings', '/cards', '/cards/budgets'],
  async run(input, { db, user }) {
    const before = {} as Record<TopUpRole, number>;
    const after = {} as Record<TopUpRole, number>;
    for (const role of ROLES) {
      const key = TOPUP_LIMIT_KEYS[role];
      const row = await db.setting.findUnique({ where: { key } });
      before[role] = typeof row?.value === 'number' ? row.value : DEFAULT_SETTINGS[key];
      after[role] = toSafeNumber(input[role]);
      await db.setting.upsert({ where: { key }, create: { key, value: after[role], updatedById: user.id }, update: { value: after[role], updatedById: user.id } });
    }
    return { before, after };
  },
  audit: (input, data, { user }) => ({
    action: 'settings.topup_limits',
    summary: `${user.name} set the four-eyes top-up limits to ${ROLES.map((r) => `${r.toLowerCase()} ${formatMoney(data.after[r], input.currency)}`).join(', ')} (were ${ROLES.map((r) => formatMoney(data.before[r], input.currency)).join(', ')}).`,
    targetType: 'Setting',
    targetId: 'topups',
    before: data.before,
    after: data.after,
  }),
});
