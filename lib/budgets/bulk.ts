import 'server-only';
import { deriveKey } from '@/lib/approvals/idempotency-keys';
import type { SessionUser } from '@/lib/auth/session-user';
import { isAppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { requestBudgetChange, type BudgetChangeOutcome, type BudgetChangeResult } from './change';
import type { BudgetChangeMode } from './math';
import type { SelectedCard } from './schemas';

// The same budget change on many cards (the bulk page, reclaim). Each card is its own intent with a
// key derived from the form's key and the card, so submitting the same form again (a retry, a double
// click) repeats nothing; one card refused does not stop the others. Each card passes the budget gate
// on its own, so the person's 24-hour total holds back the cards past it (docs/decisions/105).

export type BulkBudgetOutcome = BudgetChangeOutcome | 'refused' | 'failed';

export interface BulkBudgetRow {
  cardId: string;
  approvalId: string;
  outcome: BulkBudgetOutcome;
  message: string;
  result: BudgetChangeResult | null;
}

const REFUSALS = new Set(['VALIDATION', 'BUDGET_RULE', 'INVALID_STATE', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN']);

function messageOf(result: BudgetChangeResult): string {
  const to = formatMoney(BigInt(result.after.budgetMinor), result.currency);
  switch (result.outcome) {
    case 'applied':
      return `Budget now ${to}.`;
    case 'checking':
      return `Sent; Sparados has not confirmed it yet (checking).`;
    case 'awaiting_approval':
      return `Waits for a second approver: ${result.held ? `${result.held.reason}` : 'above what you may add alone'} (budget would be ${to}).`;
  }
}

export async function changeManyBudgets(
  input: { idempotencyKey: string; currency: string; mode: BudgetChangeMode; amountMinor: bigint; cards: SelectedCard[] },
  user: SessionUser,
): Promise<BulkBudgetRow[]> {
  const rows: BulkBudgetRow[] = [];
  for (const card of input.cards) {
    try {
      const result = await requestBudgetChange(
        { cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: deriveKey(input.idempotencyKey, card.cardId), currency: input.currency, mode: input.mode, amountMinor: input.amountMinor },
        user,
      );
      rows.push({ ...card, outcome: result.outcome, message: messageOf(result), result });
    } catch (error) {
      if (!isAppError(error)) console.error(JSON.stringify({ level: 'error', message: 'bulk budget change failed', cardId: card.cardId, detail: error instanceof Error ? error.message : String(error) }));
      const refused = isAppError(error) && REFUSALS.has(error.code);
      rows.push({ ...card, outcome: refused ? 'refused' : 'failed', message: isAppError(error) ? error.message : 'Something went wrong on our side. It has been logged.', result: null });
    }
  }
  return rows;
}
