import { UNKNOWN, toTolerant, type Tolerant } from '../schemas/common';
import {
  APPROVAL_ORIGINS,
  APPROVAL_STATUSES,
  CARD_STATUSES,
  LIMIT_TYPES,
  TIME_UNITS,
  type ApprovalOrigin,
  type ApprovalStatus,
  type ApprovalWire,
  type CardStatus,
  type LimitType,
  type TimeUnit,
} from '../schemas/approvals';
import { validityFromWire } from '../endpoints';
import { unknownFieldsDeep, type KnownShape } from './unknown-fields';

export interface ApprovalLimit {
  type: Tolerant<LimitType>;
  /** The type as Sparados sent it (differs from `type` only when `type` is UNKNOWN). */
  rawType: string;
  /** null = unlimited, 0 = disabled. Meaningless on MCC rules. */
  amountMinor: number | null;
  timeUnit: Tolerant<TimeUnit> | null;
  mccList: string[];
}

export interface ApprovalUser {
  id: string | null;
  email: string | null;
  prefix: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  nationality: string | null;
}

/** An approval as the panel uses it: ids as strings, dates as Date, money in integer minor units. */
export interface Approval {
  id: string;
  status: Tolerant<ApprovalStatus>;
  /** The status as Sparados sent it, for display when `status` is UNKNOWN. */
  rawStatus: string;
  cardId: string | null;
  /** Only meaningful on DELIVERED approvals. */
  cardStatus: Tolerant<CardStatus> | null;
  /** The approval a reapproval replaces. */
  parentId: string | null;
  origin: Tolerant<ApprovalOrigin> | null;
  user: ApprovalUser;
  /** balance.id of the request: the Card Alias ID. */
  cardAliasId: string | null;
  budgetMinor: number;
  spentMinor: number | null;
  availableBudgetMinor: number | null;
  validity: { startDate: Date; endDate: Date; timezone: string | null };
  limits: ApprovalLimit[];
  ecommerce: boolean;
  allowChangeRequest: boolean;
  card: { description: string | null; visualId: string | null };
  tags: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
  /**
   * Fields this client does not know yet, as received: top-level ones by name, those inside known
   * objects under that object's name (`extra.rules.<field>`, `extra.user.<field>`, `extra.card.visual.<field>`).
   */
  extra: Record<string, unknown>;
}

const KNOWN_APPROVAL_SHAPE = {
  id: true,
  status: true,
  cardId: true,
  cardStatus: true,
  parentId: true,
  origin: true,
  user: { id: true, email: true, prefix: true, phone: true, firstName: true, lastName: true, birthDate: true, nationality: true },
  balance: { id: true },
  rules: {
    budgetMinor: true,
    spentMinor: true,
    availableBudgetMinor: true,
    validityPeriod: { startDate: true, endDate: true, timezone: true },
    limits: [{ type: true, amountMinor: true, timeUnit: true, mccList: true }],
    purpose: { ecommerce: true, allowChangeRequest: true },
  },
  card: { description: true, visual: { id: true } },
  tags: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies KnownShape;

function tagText(tag: NonNullable<ApprovalWire['tags']>[number]): string {
  if (typeof tag === 'string') return tag;
  return tag.id ?? tag.value ?? tag.name ?? UNKNOWN;
}

export function toApproval(wire: ApprovalWire): Approval {
  const user = wire.user;
  const rules = wire.rules;
  return {
    id: wire.id,
    status: toTolerant('ApprovalStatus', APPROVAL_STATUSES, wire.status),
    rawStatus: wire.status,
    cardId: wire.cardId ?? null,
    cardStatus: wire.cardStatus == null ? null : toTolerant('CardStatus', CARD_STATUSES, wire.cardStatus),
    parentId: wire.parentId ?? null,
    origin: wire.origin == null ? null : toTolerant('ApprovalOrigin', APPROVAL_ORIGINS, wire.origin),
    user: {
      id: user?.id ?? null,
      email: user?.email ?? null,
      prefix: user?.prefix ?? null,
      phone: user?.phone ?? null,
      firstName: user?.firstName ?? null,
      lastName: user?.lastName ?? null,
      birthDate: user?.birthDate ?? null,
      nationality: user?.nationality ?? null,
    },
    cardAliasId: wire.balance?.id ?? null,
    budgetMinor: rules.budgetMinor,
    spentMinor: rules.spentMinor ?? null,
    availableBudgetMinor: rules.availableBudgetMinor ?? null,
    validity: { ...validityFromWire(rules.validityPeriod), timezone: rules.validityPeriod.timezone ?? null },
    limits: (rules.limits ?? []).map((limit) => ({
      type: toTolerant('LimitType', LIMIT_TYPES, limit.type),
      rawType: limit.type,
      amountMinor: limit.amountMinor ?? null,
      timeUnit: limit.timeUnit == null ? null : toTolerant('TimeUnit', TIME_UNITS, limit.timeUnit),
      mccList: limit.mccList ?? [],
    })),
    ecommerce: rules.purpose?.ecommerce ?? true,
    allowChangeRequest: rules.purpose?.allowChangeRequest ?? false,
    card: { description: wire.card?.description ?? null, visualId: wire.card?.visual?.id ?? null },
    tags: (wire.tags ?? []).map(tagText),
    createdAt: wire.createdAt ? new Date(wire.createdAt) : null,
    updatedAt: wire.updatedAt ? new Date(wire.updatedAt) : null,
    extra: unknownFieldsDeep(wire, KNOWN_APPROVAL_SHAPE),
  };
}

/** True once Sparados has generated the card: what waitForCard waits for. */
export function hasDeliveredCard(approval: Approval): approval is Approval & { cardId: string } {
  return approval.status === 'DELIVERED' && approval.cardId !== null;
}

/**
 * Budget, spent and available of an approval in bigint minor units. The seeds define none of the
 * response fields: what Sparados leaves out is derived from the others when it can be (available =
 * budget − spent) and is otherwise null, "unknown", never 0 (docs/decisions/115).
 */
export function approvalFigures(approval: Pick<Approval, 'budgetMinor' | 'spentMinor' | 'availableBudgetMinor'>): { budgetMinor: bigint; spentMinor: bigint | null; availableMinor: bigint | null } {
  const budget = BigInt(approval.budgetMinor);
  const spent = approval.spentMinor === null ? null : BigInt(approval.spentMinor);
  const available = approval.availableBudgetMinor === null ? null : BigInt(approval.availableBudgetMinor);
  return {
    budgetMinor: budget,
    spentMinor: spent ?? (available === null ? null : budget - available),
    availableMinor: available ?? (spent === null ? null : budget - spent),
  };
}
