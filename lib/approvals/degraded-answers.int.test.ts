import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planBudgetChange } from '@/lib/budgets/math';
import { db } from '@/lib/db';
import { approvalFigures, toApproval } from '@/lib/sparados/domain/approval';
import { approvalWireSchema } from '@/lib/sparados/schemas/approvals';
import { listChangeRequests } from '@/lib/requests/queries';
import { getCardDetail } from './queries';
import { allowedActions } from './state-machine';
import { saveApprovalFromSparados } from './store';

// Answers without the fields the seeds never define (spentMinor, availableBudgetMinor, cardStatus,
// parentId) against the real database: the panel says "unknown" instead of inventing values, and still
// links a change request to its card (docs/decisions/115).

function answer(fields: Record<string, unknown>) {
  const tag = randomUUID().slice(0, 8);
  return toApproval(
    approvalWireSchema.parse({
      id: randomUUID(),
      status: 'DELIVERED',
      user: { email: `degraded-${tag}@int.test`, prefix: '48', phone: '600100200' },
      balance: { id: 'c6a1e0f2-7d34-4b8e-9e21-5f0a3b7c9d14' },
      rules: { budgetMinor: 50_000, validityPeriod: { startDate: '2026-01-01T00:00:00Z', endDate: '2036-01-01T00:00:00Z', timezone: 'Europe/Warsaw' } },
      ...fields,
    }),
  );
}

describe('answers that lack what the seeds never define', () => {
  it('keeps spent and available unknown (not 0), offers lock and unlock, and refuses to set an available amount', async () => {
    const approval = answer({ cardId: `card-${randomUUID().slice(0, 8)}` });
    expect(approvalFigures(approval)).toEqual({ budgetMinor: 50_000n, spentMinor: null, availableMinor: null });
    const saved = await saveApprovalFromSparados(approval);
    const row = await db.approval.findUniqueOrThrow({ where: { sparadosId: approval.id } });
    expect([row.spentMinor, row.availableMinor, row.cardStatus]).toEqual([null, null, null]);

    const detail = await getCardDetail(saved.cardId);
    const current = detail!.chain.find((a) => a.sparadosId === approval.id)!;
    expect([current.budgetMinor, current.spentMinor, current.availableMinor]).toEqual(['50000', null, null]);
    expect(allowedActions('DELIVERED', row.cardStatus)).toEqual(expect.arrayContaining(['lock', 'unlock']));

    const figures = approvalFigures(approval);
    expect(planBudgetChange(figures, 'target', 10_000n, 'PLN')).toMatchObject({ ok: false, reason: 'AVAILABLE_UNKNOWN' });
    expect(planBudgetChange(figures, 'increase', 10_000n, 'PLN')).toEqual({ ok: true, deltaMinor: 10_000n, after: { budgetMinor: 60_000n, spentMinor: null, availableMinor: null } });
  });

  it('derives what it can: available from budget and spent, spent from budget and available', () => {
    expect(approvalFigures(answer({ rules: { budgetMinor: 50_000, spentMinor: 20_000, validityPeriod: { startDate: '2026-01-01T00:00:00Z', endDate: '2036-01-01T00:00:00Z' } } }))).toEqual({ budgetMinor: 50_000n, spentMinor: 20_000n, availableMinor: 30_000n });
    expect(approvalFigures(answer({ rules: { budgetMinor: 50_000, availableBudgetMinor: 5_000, validityPeriod: { startDate: '2026-01-01T00:00:00Z', endDate: '2036-01-01T00:00:00Z' } } }))).toEqual({ budgetMinor: 50_000n, spentMinor: 45_000n, availableMinor: 5_000n });
  });

  it('links a change request without parentId to its card by the card id, against the current approval', async () => {
    const cardId = `card-${randomUUID().slice(0, 8)}`;
    const first = answer({ cardId, cardStatus: 'ACTIVE' });
    const saved = await saveApprovalFromSparados(first);
    const request = answer({ status: 'CREATED', cardId, origin: 'USER', user: first.user, rules: { budgetMinor: 80_000, validityPeriod: { startDate: '2026-01-01T00:00:00Z', endDate: '2036-01-01T00:00:00Z' } } });
    const linked = await saveApprovalFromSparados(request);
    expect(linked.cardId).toBe(saved.cardId);
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: request.id } })).parentSparadosId).toBe(first.id);
    const card = await db.card.findUniqueOrThrow({ where: { id: saved.cardId }, select: { currentApproval: { select: { sparadosId: true } } } });
    expect(card.currentApproval?.sparadosId).toBe(first.id);
    expect((await listChangeRequests()).map((r) => r.approvalId)).toContain(request.id);

    // A later read, still without parentId, keeps the link.
    await saveApprovalFromSparados({ ...request, updatedAt: new Date() });
    expect((await db.approval.findUniqueOrThrow({ where: { sparadosId: request.id } })).parentSparadosId).toBe(first.id);
  });
});
