import { admitBudgetChange, type Admission, type GuardedKind } from '@/lib/budgets/gate';
import { cardLane, withLane } from '@/lib/operations/lanes';
import { createTestUser, type TestUser } from './users';

// Test fixtures that write to Sparados directly (a card to act on, a reapproval to follow) pass the real
// budget gate like any path: as a test Admin, for a change that raises nothing, so it is always admitted
// and counts against nobody. A card-bound write holds its card's lane while it runs, as the gate requires.

let fixtureAdmin: Promise<TestUser> | null = null;
const admin = () => (fixtureAdmin ??= createTestUser('ADMIN', { name: 'Fixture Admin' }));

async function admit(kind: GuardedKind, idempotencyKey: string, cardId: string | null, lease: Parameters<typeof admitBudgetChange>[0]['lease']): Promise<Admission> {
  const decision = await admitBudgetChange({ actor: await admin(), kind, cardId, increaseMinor: 0n, currency: 'PLN', operationKey: idempotencyKey, lease, hold: () => ({ summary: '' }) });
  if (decision.decision !== 'apply') throw new Error('a fixture write that raises nothing was held');
  return decision.admission;
}

/** The admission of a fixture's new card (no lane: there is no card yet). */
export function admittedNewCard(idempotencyKey: string): Promise<Admission> {
  return admit('ASSIGN', idempotencyKey, null, null);
}

/** Runs a fixture's write on an existing card holding the card's lane, with its admission. */
export function withAdmission<T>(kind: GuardedKind, cardId: string, idempotencyKey: string, write: (admission: Admission) => Promise<T>): Promise<T> {
  return withLane(cardLane(cardId), idempotencyKey, async (lease) => write(await admit(kind, idempotencyKey, cardId, lease)));
}
