// The sandbox's shared state and services, handed to every domain function and route.
import type { CorporationFixture } from './fixtures/corporation';
import { SandboxClock } from './domain/clock';
import { notFound } from './http/errors';
import type { OutboundSender } from './outbound/sender';
import type { Store } from './store/store';
import type { Approval, BalanceState, Card, DeliveryKind, User } from './store/types';

export type EmailTemplate =
  | 'BC_USER_PENDING_CARD'
  | 'BC_USER_NEW_CARD'
  | 'BC_USER_CARD_EXPIRING'
  | 'BC_USER_CARD_EXPIRED'
  | 'BC_USER_CARD_DELETED'
  | 'BC_USER_CARD_LOCKED'
  | 'BC_USER_PENDING_TERMS_AND_CONDITIONS';

export interface CoreOptions {
  reapprovalExpiryMs: number;
  webhookUrls: { transactions?: string; threeDs?: string; wallet?: string };
  /** SANDBOX_CREATE_REPLY (config.ts). */
  createReply?: 'full' | 'id-only';
  /** SANDBOX_CONTRACT (config.ts). */
  contract?: 'full' | 'simple';
  log: (line: string) => void;
}

export class SandboxCore {
  /** Full API approvals deliver themselves on a real-time timer. */
  readonly autoDeliverTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly store: Store,
    readonly clock: SandboxClock,
    readonly corporation: CorporationFixture,
    readonly outbound: OutboundSender,
    readonly options: CoreOptions,
  ) {}

  log(line: string): void {
    this.options.log(line);
  }

  isCorporation(id: string | undefined): boolean {
    return id === this.corporation.corporationId;
  }

  approval(corporationId: string, id: string): Approval {
    const approval = this.store.approvals.get(id);
    if (!approval || approval.corporationId !== corporationId) throw notFound('Approval', id);
    return approval;
  }

  card(corporationId: string, id: number | string): Card {
    const card = this.store.cards.get(Number(id));
    if (!card || card.corporationId !== corporationId) throw notFound('Card', id);
    return card;
  }

  user(corporationId: string, id: number | string): User {
    const user = this.store.users.get(Number(id));
    if (!user || user.corporationId !== corporationId) throw notFound('User', id);
    return user;
  }

  balanceByAlias(cardAliasId: string): BalanceState {
    const balance = this.store.balancesByAlias.get(cardAliasId);
    if (!balance) throw new Error(`no balance for Card Alias ID ${cardAliasId}`);
    return balance;
  }

  cardOf(approval: Approval): Card | undefined {
    return approval.cardId === null ? undefined : this.store.cards.get(approval.cardId);
  }

  emailOf(approval: Approval): string | null {
    if (approval.user.email) return approval.user.email;
    if (approval.user.id !== undefined) return this.store.users.get(Number(approval.user.id))?.email ?? null;
    return null;
  }

  sendEmail(template: EmailTemplate, approval: Approval): void {
    this.store.emails.push({ template, approvalId: approval.id, to: this.emailOf(approval), at: this.clock.now().toISOString() });
  }

  touch(approval: Approval): void {
    approval.updatedAt = this.clock.now().toISOString();
  }

  /** Sends to the configured URL; returns false when none is configured. */
  notify(kind: DeliveryKind, body: unknown): boolean {
    const url = kind === 'transaction' ? this.options.webhookUrls.transactions : kind === '3ds-otp' ? this.options.webhookUrls.threeDs : this.options.webhookUrls.wallet;
    if (!url) return false;
    this.outbound.send(kind, url, body);
    return true;
  }
}
