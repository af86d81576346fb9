import 'server-only';
import { deriveKey } from '@/lib/approvals/idempotency-keys';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma, type BudgetChangeRequest } from '@/lib/generated/prisma/client';
import { canonicalJson } from '@/lib/operations/perform-write';
import { forgetOpenRequestCount } from '@/lib/requests/queries';
import type { SettingRevision } from '@/lib/settings/setting-revision';
import { fromPayload, toPayload } from './payload';
import { isTightening, policyDifferences, type BudgetPolicy } from './policy';
import { readBudgetPolicy, storedPolicySchema, writeBudgetPolicy } from './policy-store';

// Changing the budget policy is itself under four eyes (docs/decisions/105): an Admin may tighten it
// alone (every amount the same or lower: less exposure, like a reduction), but loosening waits until a
// different Admin approves it, so no single person can raise their own limits. The approval writes the
// policy on the version it was asked on; if someone changed it meanwhile, the approval is refused.

export interface PolicyProposal {
  policy: BudgetPolicy;
  /** The policy's version the editor loaded. */
  revision: SettingRevision;
  currency: string;
}

export interface PolicyChangeResult {
  /** applied: written now (a tightening); held: waits for another Admin. */
  outcome: 'applied' | 'held';
  changeId: string | null;
  before: BudgetPolicy;
  after: BudgetPolicy;
  /** "operator largest raise per change PLN 1,000.00 → PLN 2,000.00", … */
  differences: string[];
  currency: string;
  replayed: boolean;
}

interface PolicyPayload {
  policy: BudgetPolicy;
  baseRevision: SettingRevision;
}

function summaryOf(differences: string[]): string {
  return `change the budget policy: ${differences.join('; ')}`;
}

export async function proposeBudgetPolicy(proposal: PolicyProposal, user: SessionUser): Promise<PolicyChangeResult> {
  const current = await readBudgetPolicy();
  if (current.revision !== proposal.revision) {
    throw new AppError('CONFLICT', 'Someone else saved the budget policy after you opened this page. Reload it to see their change, then make yours again.');
  }
  const differences = policyDifferences(current.policy, proposal.policy, proposal.currency);
  if (differences.length === 0) throw new AppError('VALIDATION', 'Nothing was changed: every amount is as it is now.');
  const common = { before: current.policy, after: proposal.policy, differences, currency: proposal.currency };

  if (isTightening(current.policy, proposal.policy)) {
    await db.$transaction((tx) => writeBudgetPolicy(tx, proposal.revision, proposal.policy, user.id));
    return { ...common, outcome: 'applied', changeId: null, replayed: false };
  }
  // One held change per (version, proposal): a double click finds the first.
  const requestKey = deriveKey('budget-policy', proposal.revision ?? 'defaults', canonicalJson(proposal.policy));
  const payload: PolicyPayload = { policy: proposal.policy, baseRevision: proposal.revision };
  try {
    const change = await db.budgetChangeRequest.create({
      data: {
        kind: 'POLICY',
        currency: proposal.currency,
        summary: summaryOf(differences),
        payload: toPayload(payload),
        requestKey,
        requestedById: user.id,
        requestedByName: user.name,
      },
    });
    forgetOpenRequestCount();
    return { ...common, outcome: 'held', changeId: change.id, replayed: false };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    const first = await db.budgetChangeRequest.findUniqueOrThrow({ where: { requestKey }, select: { id: true, status: true } });
    if (first.status !== 'AWAITING_APPROVAL') throw new AppError('CONFLICT', 'This same change was already decided. Reload the page.');
    return { ...common, outcome: 'held', changeId: first.id, replayed: true };
  }
}

/** Carries out an approved policy change on the version it was asked on; false when it was already in force. */
export async function applyPolicyChange(change: BudgetChangeRequest, approver: SessionUser): Promise<boolean> {
  const payload = fromPayload<PolicyPayload>(change.payload);
  const policy = storedPolicySchema.parse(payload.policy);
  const current = await readBudgetPolicy();
  // Approved before (a double click): it is already the policy.
  if (canonicalJson(current.policy) === canonicalJson(policy)) return false;
  if (current.revision !== payload.baseRevision) {
    throw new AppError('CONFLICT', 'The budget policy was changed after this was asked, so it cannot be applied as it stands. Decline it and ask again.');
  }
  await db.$transaction((tx) => writeBudgetPolicy(tx, payload.baseRevision, policy, approver.id));
  return true;
}

// ---- audit ----

export function policyAuditDraft(actorName: string, r: PolicyChangeResult) {
  const what = r.differences.join('; ');
  return {
    action: r.outcome === 'applied' ? 'settings.budget_policy' : 'budgets.change_requested',
    summary:
      r.outcome === 'applied'
        ? `${actorName} tightened the budget policy: ${what}.`
        : `${actorName} asked to change the budget policy: ${what}; it raises what people may do alone, so it waits for another Admin.`,
    targetType: 'Setting',
    targetId: 'budgets.policy',
    before: r.before as unknown as Record<string, unknown>,
    after: { ...(r.after as unknown as Record<string, unknown>), outcome: r.outcome, changeId: r.changeId },
  };
}
