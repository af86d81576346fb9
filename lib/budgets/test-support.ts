// Test-only helpers for the budget and requests integration tests: a redeemed card made through the
// panel's own write path, and a runtime for the action wrapper with a chosen session. Not imported
// by panel code.
import { randomUUID } from 'node:crypto';
import type { ActionRuntime } from '@/lib/actions/run-action';
import { runApprovalOperation } from '@/lib/approvals/operations';
import type { SandboxHarness } from '@/lib/approvals/test-helpers';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { admittedNewCard } from '@/tests/support/admission';
import { getSparadosClient } from '@/lib/sparados';
import type { CreateApprovalInput } from '@/lib/sparados/schemas/approvals';

export const runtimeFor = (user: SessionUser): ActionRuntime => ({ db, getUser: async () => user, getIp: async () => '198.51.100.23', logError: () => {} });

export interface TestCard {
  cardId: string;
  approvalId: string;
  /** Sparados' card id, for sandbox authorizations. */
  sparadosCardId: string | null;
}

/** Assigns a card through the panel and lets the cardholder redeem it: DELIVERED, active. */
export async function deliveredCard(sandbox: SandboxHarness, rules: Partial<CreateApprovalInput['rules']> = {}, description = 'Travel – J. Smith'): Promise<TestCard> {
  const body = { ...sandbox.request(rules), card: { description, visual: null } };
  const key = randomUUID();
  const created = await runApprovalOperation('approval.create', { idempotencyKey: key, request: { body }, admission: await admittedNewCard(key) });
  await sandbox.control.redeem(created.result.id);
  const fresh = await getSparadosClient().getApproval(created.result.id);
  const { saveApprovalFromSparados } = await import('@/lib/approvals/store');
  await saveApprovalFromSparados(fresh, { cardId: created.cardId! });
  return { cardId: created.cardId!, approvalId: created.result.id, sparadosCardId: fresh.cardId };
}

/** A card payment authorized by the sandbox; returns the approval's spent afterwards. */
export async function spend(sandbox: SandboxHarness, card: TestCard, amountMinor: number): Promise<void> {
  if (!card.sparadosCardId) throw new Error('the card has no Sparados card id yet');
  const result = await sandbox.control.authorize({ cardId: String(card.sparadosCardId), amountMinor, merchantName: 'Test shop', mcc: '5411', channel: 'POS' });
  if (result.status !== 'AUTHORIZED') throw new Error(`authorization ${result.status}: ${result.declineReason ?? ''}`);
}

export async function budgetOf(approvalId: string): Promise<number> {
  return (await getSparadosClient().getApproval(approvalId)).budgetMinor;
}
