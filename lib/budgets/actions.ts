'use server';

import { defineAction } from '@/lib/actions/define-action';
import { approveChange, decisionAuditDraft, declineChange, withdrawChange } from './approve';
import { changeManyBudgets } from './bulk';
import { budgetAuditDraft } from './change';
import { policyAuditDraft, proposeBudgetPolicy } from './policy-change';
import { budgetChangeDecisionSchema, budgetPolicySchema, bulkBudgetSchema, reclaimSchema } from './schemas';

// Server actions of budget changes on many cards, reclaiming idle budget, the decisions on changes the
// budget policy held for a second person, and the policy itself. The one-card change is `changeBudget`
// in lib/approvals/actions.ts.

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

const decisionPaths = (_input: unknown, data: { cardId: string | null }) => [...BUDGET_PATHS, '/settings', ...(data.cardId ? [`/cards/${data.cardId}`] : [])];

/**
 * A second person approves a held change. Who may is decided per change (an Approver or Admin; an Admin
 * for the policy) by approveChange, which also refuses the requester and accounts they invited lately.
 */
export const approveBudgetChange = defineAction({
  name: 'budgets.approve',
  permission: 'requests.decide',
  schema: budgetChangeDecisionSchema,
  run: (input, { user }) => approveChange(input.changeId, user),
  audit: (_input, data, { user }) => (data.replayed ? null : decisionAuditDraft(user, 'approve', data)),
  revalidate: decisionPaths,
});

export const declineBudgetChange = defineAction({
  name: 'budgets.decline',
  permission: 'requests.decide',
  schema: budgetChangeDecisionSchema,
  run: (input, { user }) => declineChange(input.changeId, input.reason, user),
  audit: (_input, data, { user }) => (data.replayed ? null : decisionAuditDraft(user, 'decline', data)),
  revalidate: decisionPaths,
});

/** The requester takes back their own waiting change. */
export const withdrawBudgetChange = defineAction({
  name: 'budgets.withdraw',
  permission: 'cards.topup',
  schema: budgetChangeDecisionSchema,
  run: (input, { user }) => withdrawChange(input.changeId, user),
  audit: (_input, data, { user }) => (data.replayed ? null : decisionAuditDraft(user, 'withdraw', data)),
  revalidate: decisionPaths,
});

/** Settings → the budget policy: a tightening applies at once; a loosening waits for another Admin. */
export const updateBudgetPolicy = defineAction({
  name: 'settings.budget_policy',
  permission: 'settings.manage',
  schema: budgetPolicySchema,
  run: (input, { user }) => proposeBudgetPolicy(input, user),
  audit: (_input, data, { user }) => (data.replayed ? null : policyAuditDraft(user.name, data)),
  revalidate: ['/settings', '/requests', '/cards', '/cards/budgets'],
});
