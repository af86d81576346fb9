import 'server-only';
import { z } from 'zod';
import { db as defaultDb } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { revisionOf, type SettingRevision } from '@/lib/settings/setting-revision';
import { writeSettingAt } from '@/lib/settings/write-setting';
import { DEFAULT_BUDGET_POLICY, POLICY_ROLES, type BudgetPolicy } from './policy';

// Where the budget policy is kept: one Settings row, JSON, replaced whole on the version an editor
// loaded (optimistic concurrency, lib/settings/setting-revision.ts). No row yet: the defaults.

export const POLICY_KEY = 'budgets.policy';

/** Amounts are safe integers: a policy never needs more than 10^15 minor units. */
const amount = z.number().int().min(0).max(1e15);
const allowance = z.object({ perChangeMinor: amount, newCardMinor: amount, perPersonDayMinor: amount, perCardDayMinor: amount });
export const storedPolicySchema = z.object(Object.fromEntries(POLICY_ROLES.map((role) => [role, allowance])) as Record<(typeof POLICY_ROLES)[number], typeof allowance>);

const NOTHING_ALONE = { perChangeMinor: 0, newCardMinor: 0, perPersonDayMinor: 0, perCardDayMinor: 0 };
const CLOSED_POLICY: BudgetPolicy = { OPERATOR: NOTHING_ALONE, APPROVER: NOTHING_ALONE, ADMIN: NOTHING_ALONE };

export interface StoredPolicy {
  policy: BudgetPolicy;
  revision: SettingRevision;
}

export async function readBudgetPolicy(db: Prisma.TransactionClient = defaultDb): Promise<StoredPolicy> {
  const row = await db.setting.findUnique({ where: { key: POLICY_KEY } });
  const parsed = storedPolicySchema.safeParse(row?.value);
  if (!row) return { policy: DEFAULT_BUDGET_POLICY, revision: null };
  if (!parsed.success) {
    // A row damaged by hand fails closed: every raise waits for a second person until an admin saves again.
    console.error(JSON.stringify({ level: 'error', message: 'budget policy row is not valid; every raise waits until it is saved again', issues: parsed.error.issues.slice(0, 3) }));
    return { policy: CLOSED_POLICY, revision: revisionOf(row) };
  }
  return { policy: parsed.data, revision: revisionOf(row) };
}

/** Writes the policy if the row is still at `expected`; CONFLICT otherwise (someone saved meanwhile). */
export function writeBudgetPolicy(db: Prisma.TransactionClient, expected: SettingRevision, policy: BudgetPolicy, userId: string): Promise<SettingRevision> {
  return writeSettingAt(db, POLICY_KEY, expected, policy as unknown as Prisma.InputJsonValue, userId, 'budget policy');
}
