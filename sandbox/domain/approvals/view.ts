// The approval as the API returns it (API-REFERENCE §3, "Response").
import type { SandboxCore } from '../../core';
import type { Approval } from '../../store/types';

export function approvalView(core: SandboxCore, approval: Approval) {
  const card = core.cardOf(approval);
  const spentMinor = card?.spentMinor ?? 0;
  return {
    id: approval.id,
    status: approval.status,
    cardId: approval.cardId,
    cardStatus: card?.status ?? 'ACTIVE',
    parentId: approval.parentId,
    origin: approval.origin,
    user: approval.user,
    balance: approval.balance,
    rules: {
      budgetMinor: approval.rules.budgetMinor,
      validityPeriod: approval.rules.validityPeriod,
      limits: approval.rules.limits,
      purpose: approval.rules.purpose,
      spentMinor,
      availableBudgetMinor: approval.rules.budgetMinor - spentMinor,
    },
    card: approval.card,
    tags: approval.tags,
    createdAt: approval.createdAt,
    updatedAt: approval.updatedAt,
  };
}
