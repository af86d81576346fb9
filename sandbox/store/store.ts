// In-memory state with the indexes the API needs (O(1) get by id), convertible to and from a JSON snapshot.
import { randomInt } from 'node:crypto';
import type { CorporationFixture } from '../fixtures/corporation';
import type {
  Approval,
  BalanceState,
  Card,
  DeliveryAttempt,
  EmailRecord,
  IdempotencyRecord,
  PendingDelivery,
  SandboxState,
  Transaction,
  TransactionType,
  User,
} from './types';

/**
 * Integer ids start at a random point per sandbox (kept in the saved state), as ids from one real
 * Sparados never repeat: a panel database that outlives a sandbox reset, or tests that talk to
 * several sandboxes, must not see one user or card id name two different things.
 */
function freshCounters(): { nextUserId: number; nextCardId: number } {
  return { nextUserId: randomInt(100_000, 9_000_000), nextCardId: randomInt(1_000, 9_000_000) };
}

export class Store {
  approvals = new Map<string, Approval>();
  /** Creation order, oldest first: lists walk it backwards instead of sorting. */
  approvalOrder: Approval[] = [];
  cards = new Map<number, Card>();
  pans = new Set<string>();
  users = new Map<number, User>();
  transactions: Transaction[] = [];
  private transactionByKey = new Map<string, Transaction>();
  private transactionsByCard = new Map<number, Transaction[]>();
  balances = new Map<string, BalanceState>();
  balancesByAlias = new Map<string, BalanceState>();
  deliveries: DeliveryAttempt[] = [];
  pendingDeliveries = new Map<string, PendingDelivery>();
  emails: EmailRecord[] = [];
  idempotency = new Map<string, IdempotencyRecord>();
  clockOffsetMs = 0;
  counters = freshCounters();

  /** Called after every change; the persistence layer hooks in here. */
  onChange: () => void = () => undefined;

  constructor(private readonly corporation: CorporationFixture) {
    this.resetBalances();
  }

  changed(): void {
    this.onChange();
  }

  addApproval(approval: Approval): void {
    this.approvals.set(approval.id, approval);
    this.approvalOrder.push(approval);
  }

  addCard(card: Card): void {
    this.cards.set(card.id, card);
    this.pans.add(card.pan);
  }

  addTransaction(transaction: Transaction): void {
    this.transactions.push(transaction);
    this.transactionByKey.set(`${transaction.id}:${transaction.type}`, transaction);
    let list = this.transactionsByCard.get(transaction.cardId);
    if (!list) this.transactionsByCard.set(transaction.cardId, (list = []));
    list.push(transaction);
  }

  transaction(id: string, type: TransactionType): Transaction | undefined {
    return this.transactionByKey.get(`${id}:${type}`);
  }

  transactionsWithId(id: string): Transaction[] {
    return (['PURCHASE', 'WITHDRAWAL', 'REFUND'] as const).flatMap((type) => this.transactionByKey.get(`${id}:${type}`) ?? []);
  }

  cardTransactions(cardId: number): readonly Transaction[] {
    return this.transactionsByCard.get(cardId) ?? [];
  }

  private resetBalances(): void {
    this.balances.clear();
    this.balancesByAlias.clear();
    const now = new Date().toISOString();
    for (const b of this.corporation.balances) {
      this.putBalance({
        id: b.balanceId,
        corporationId: this.corporation.corporationId,
        cardAliasId: b.cardAliasId,
        currency: this.corporation.currency,
        availableMinor: b.availableMinor,
        blockedMinor: 0,
        updatedAt: now,
      });
    }
  }

  private putBalance(balance: BalanceState): void {
    this.balances.set(balance.id, balance);
    this.balancesByAlias.set(balance.cardAliasId, balance);
  }

  /** `POST /_sandbox/reset`: forget everything but the corporation fixture. */
  reset(): void {
    this.load(null);
  }

  snapshot(): SandboxState {
    return {
      version: 1,
      clockOffsetMs: this.clockOffsetMs,
      counters: { ...this.counters },
      approvals: this.approvalOrder,
      cards: [...this.cards.values()],
      users: [...this.users.values()],
      transactions: this.transactions,
      balances: [...this.balances.values()],
      deliveries: this.deliveries,
      pendingDeliveries: [...this.pendingDeliveries.values()],
      emails: this.emails,
      idempotency: [...this.idempotency.values()],
    };
  }

  load(state: SandboxState | null): void {
    this.approvals.clear();
    this.approvalOrder = [];
    this.cards.clear();
    this.pans.clear();
    this.users.clear();
    this.transactions = [];
    this.transactionByKey.clear();
    this.transactionsByCard.clear();
    this.deliveries = [];
    this.pendingDeliveries.clear();
    this.emails = [];
    this.idempotency.clear();
    this.clockOffsetMs = 0;
    this.counters = freshCounters();
    this.resetBalances();
    if (!state) return;
    if (state.version !== 1) throw new Error(`unsupported sandbox state version ${String(state.version)}`);
    this.clockOffsetMs = state.clockOffsetMs;
    this.counters = { ...state.counters };
    for (const a of state.approvals) this.addApproval(a);
    for (const c of state.cards) this.addCard(c);
    for (const u of state.users) this.users.set(u.id, u);
    for (const t of state.transactions) this.addTransaction(t);
    // Balances of the fixture win for ids the state does not know (a fixture may gain balances).
    for (const b of state.balances) if (this.balances.has(b.id)) this.putBalance(b);
    this.deliveries = state.deliveries;
    for (const p of state.pendingDeliveries) this.pendingDeliveries.set(p.id, p);
    this.emails = state.emails;
    for (const r of state.idempotency) this.idempotency.set(r.key, r);
  }
}
