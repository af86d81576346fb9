import 'server-only';
import { recordAudit } from '@/lib/audit/record';
import { db as defaultDb } from '@/lib/db';
import type { ApprovalStatus as DbApprovalStatus, Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import type { Approval as SparadosApproval } from '@/lib/sparados';
import { approvalFigures } from '@/lib/sparados/domain/approval';
import { isApprovalStatus, STATUS_LABELS, type ApprovalStatus } from './state-machine';

// The local mirror of Sparados approvals and the card identity that survives reapprovals.
// Every path that learns an approval from Sparados (actions, sync, reconciler, bulk jobs) saves it
// here, so chain-following and the list's denormalised columns live in one place.

type Db = PrismaClient | Prisma.TransactionClient;

export interface SaveApprovalOptions {
  /** The panel card this approval belongs to, when the caller knows it (edit, budget, lock…). */
  cardId?: string;
  /** The cardholder of a new card (assign form, bulk row); otherwise found or made from approval.user. */
  cardholderId?: string;
  /**
   * Write timeline entries for status changes (actor "Sparados sync"). Actions turn it off: they
   * write their own entry naming the admin who acted.
   */
  recordChanges?: boolean;
  /** An open transaction to write in; otherwise one is opened. */
  tx?: Prisma.TransactionClient;
  now?: Date;
}

export interface SavedApproval {
  approvalId: string;
  cardId: string;
  /** Whether this approval is now the card's current one. */
  current: boolean;
  created: boolean;
  /** The previous status when it changed, else null. */
  statusChangedFrom: ApprovalStatus | null;
  /** True when the save was skipped because the row already holds a newer version. */
  stale: boolean;
}

/** Actor shown for changes the panel noticed upstream rather than made. */
export const SYNC_ACTOR_NAME = 'Sparados sync';

function toStatus(approval: SparadosApproval): ApprovalStatus {
  return isApprovalStatus(approval.status) ? approval.status : 'UNKNOWN';
}

function rulesJson(approval: SparadosApproval): Prisma.InputJsonValue {
  return {
    limits: approval.limits.map((l) => ({ type: l.type, rawType: l.rawType, amountMinor: l.amountMinor, timeUnit: l.timeUnit, mccList: l.mccList })),
    ecommerce: approval.ecommerce,
    visualId: approval.card.visualId,
    description: approval.card.description,
    origin: approval.origin,
  };
}

function approvalData(approval: SparadosApproval, now: Date) {
  const figures = approvalFigures(approval);
  return {
    parentSparadosId: approval.parentId,
    status: toStatus(approval) as DbApprovalStatus,
    statusRaw: approval.rawStatus,
    sparadosCardId: approval.cardId,
    cardStatus: approval.cardStatus,
    origin: approval.origin,
    balanceAliasId: approval.cardAliasId ?? '',
    budgetMinor: figures.budgetMinor,
    spentMinor: figures.spentMinor,
    availableMinor: figures.availableMinor,
    startDate: approval.validity.startDate,
    endDate: approval.validity.endDate,
    timezone: approval.validity.timezone ?? 'UTC',
    allowChangeRequest: approval.allowChangeRequest,
    rules: rulesJson(approval),
    tags: approval.tags,
    sparadosCreatedAt: approval.createdAt,
    sparadosUpdatedAt: approval.updatedAt,
    lastSyncedAt: now,
  };
}

/** Finds the cardholder of an approval made outside the panel, or records a new one. */
async function cardholderFor(tx: Prisma.TransactionClient, approval: SparadosApproval): Promise<string> {
  const u = approval.user;
  if (u.id) {
    const known = await tx.cardholder.findUnique({ where: { sparadosUserId: u.id }, select: { id: true } });
    if (known) return known.id;
  }
  // A Full API approval names only the user id; the address keeps the unique key distinct until an
  // admin fills in the contact data (".invalid" is reserved and never delivers).
  const email = u.email ?? `user-${u.id ?? approval.id}@sparados.invalid`;
  const phonePrefix = u.prefix ?? '';
  const phoneNumber = u.phone ?? '';
  const holder = await tx.cardholder.upsert({
    where: { email_phonePrefix_phoneNumber: { email, phonePrefix, phoneNumber } },
    update: u.id ? { sparadosUserId: u.id } : {},
    create: {
      email,
      phonePrefix,
      phoneNumber,
      firstName: u.firstName,
      lastName: u.lastName,
      birthDate: u.birthDate && !Number.isNaN(Date.parse(u.birthDate)) ? new Date(u.birthDate) : null,
      nationality: u.nationality,
      sparadosUserId: u.id,
    },
    select: { id: true },
  });
  return holder.id;
}

/**
 * The card an approval seen for the first time belongs to: given, its parent's, or a new one. The seeds
 * never define `parentId`: an answer without it still names the Sparados card, which a reapproval shares
 * with the approval it replaces; the card's current approval is then taken as the parent
 * (`inferredParent`) so the change request is shown against it (docs/decisions/115).
 */
async function cardFor(tx: Prisma.TransactionClient, approval: SparadosApproval, options: SaveApprovalOptions): Promise<{ id: string; created: boolean; inferredParent: string | null }> {
  if (options.cardId) return { id: options.cardId, created: false, inferredParent: null };
  if (approval.parentId) {
    const parent = await tx.approval.findUnique({ where: { sparadosId: approval.parentId }, select: { cardId: true } });
    if (parent) return { id: parent.cardId, created: false, inferredParent: null };
  } else if (approval.cardId) {
    const sibling = await tx.approval.findFirst({
      where: { sparadosCardId: approval.cardId },
      select: { cardId: true, card: { select: { currentApproval: { select: { sparadosId: true } } } } },
      orderBy: { createdAt: 'asc' },
    });
    if (sibling) return { id: sibling.cardId, created: false, inferredParent: sibling.card.currentApproval?.sparadosId ?? null };
  }
  const cardholderId = options.cardholderId ?? (await cardholderFor(tx, approval));
  const card = await tx.card.create({ data: { cardholderId, description: approval.card.description }, select: { id: true } });
  return { id: card.id, created: true, inferredParent: null };
}

/**
 * Whether `incoming` should replace the card's current approval. The chain moves forward only:
 * a DELIVERED approval takes over from the one it replaces (or from one that is no longer live);
 * a CREATED change request waits beside the current approval until it is accepted.
 */
function takesOver(
  incoming: { status: ApprovalStatus; parentSparadosId: string | null },
  current: { sparadosId: string; status: string } | null,
): boolean {
  if (!current) return true;
  if (incoming.status !== 'DELIVERED') return false;
  if (incoming.parentSparadosId === current.sparadosId) return true;
  return current.status !== 'DELIVERED';
}

function searchTextOf(holder: { firstName: string | null; lastName: string | null; email: string; phonePrefix: string; phoneNumber: string }, card: { description: string | null; sparadosCardId: string | null }, sparadosIds: string[]): string {
  return [
    holder.firstName,
    holder.lastName,
    holder.email,
    `+${holder.phonePrefix}${holder.phoneNumber}`,
    `${holder.phonePrefix} ${holder.phoneNumber}`,
    holder.phoneNumber,
    card.description,
    card.sparadosCardId,
    ...sparadosIds,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .toLowerCase();
}

/**
 * Copies the current approval and the cardholder onto the Card row (the list's columns).
 * Exported for the cardholder screens: editing a person changes the search text of their cards.
 */
export async function refreshCardListColumns(tx: Db, cardId: string, touchedAt?: Date): Promise<void> {
  const card = await tx.card.findUnique({
    where: { id: cardId },
    select: {
      description: true,
      sparadosCardId: true,
      cardholder: { select: { firstName: true, lastName: true, email: true, phonePrefix: true, phoneNumber: true } },
      currentApproval: { select: { status: true, cardStatus: true, balanceAliasId: true, endDate: true, tags: true, sparadosCardId: true, rules: true } },
      approvals: { select: { sparadosId: true } },
    },
  });
  if (!card) return;
  const current = card.currentApproval;
  const holder = card.cardholder;
  // The description lives on the approval (card.description); an edit may change it.
  const stored = (current?.rules ?? {}) as { description?: unknown };
  const description = typeof stored.description === 'string' ? stored.description : stored.description === null ? null : card.description;
  await tx.card.update({
    where: { id: cardId },
    data: {
      description,
      status: current?.status ?? null,
      cardStatus: current?.status === 'DELIVERED' ? current.cardStatus : null,
      balanceAliasId: current?.balanceAliasId ?? null,
      endDate: current?.endDate ?? null,
      tags: current?.tags ?? [],
      sparadosCardId: current?.sparadosCardId ?? card.sparadosCardId,
      holderSortName: `${holder.lastName ?? ''} ${holder.firstName ?? ''} ${holder.email}`.trim().toLowerCase(),
      searchText: searchTextOf(holder, { description, sparadosCardId: current?.sparadosCardId ?? card.sparadosCardId }, card.approvals.map((a) => a.sparadosId)),
      ...(touchedAt && { lastActivityAt: touchedAt }),
    },
  });
}

function describeChange(approval: SparadosApproval, parentId: string | null, from: ApprovalStatus | null, to: ApprovalStatus, cardFrom: string | null, cardTo: string | null): string | null {
  if (from === null) {
    if (parentId && to === 'CREATED') return `The cardholder requested a change (${approval.id}).`;
    return null;
  }
  if (from !== to) return `Approval ${approval.id}: ${STATUS_LABELS[from]} → ${STATUS_LABELS[to]}.`;
  if (to === 'DELIVERED' && cardFrom !== cardTo && cardFrom && cardTo) return `Card ${cardTo === 'LOCKED' ? 'locked' : 'unlocked'} in Sparados.`;
  return null;
}

async function save(tx: Prisma.TransactionClient, approval: SparadosApproval, options: SaveApprovalOptions): Promise<SavedApproval> {
  const now = options.now ?? new Date();
  // One writer per approval at a time: sync, the reconciler and an admin's action may race.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`approval:${approval.id}`}))`;

  const existing = await tx.approval.findUnique({
    where: { sparadosId: approval.id },
    select: { id: true, cardId: true, status: true, cardStatus: true, sparadosUpdatedAt: true, parentSparadosId: true },
  });
  const data = approvalData(approval, now);
  // A parent inferred once (no parentId in Sparados' answers) is kept by later saves.
  if (!approval.parentId && existing?.parentSparadosId) data.parentSparadosId = existing.parentSparadosId;
  const status = data.status as ApprovalStatus;

  if (existing?.sparadosUpdatedAt && approval.updatedAt && approval.updatedAt < existing.sparadosUpdatedAt) {
    // An older read (a slow sync page) must not undo what a newer one saved.
    const card = await tx.card.findUnique({ where: { id: existing.cardId }, select: { currentApprovalId: true } });
    return { approvalId: existing.id, cardId: existing.cardId, current: card?.currentApprovalId === existing.id, created: false, statusChangedFrom: null, stale: true };
  }

  let approvalId: string;
  let cardId: string;
  let cardCreated = false;
  if (existing) {
    approvalId = existing.id;
    cardId = existing.cardId;
    await tx.approval.update({ where: { id: existing.id }, data });
  } else {
    const card = await cardFor(tx, approval, options);
    cardId = card.id;
    cardCreated = card.created;
    if (card.inferredParent && card.inferredParent !== approval.id) data.parentSparadosId = card.inferredParent;
    approvalId = (await tx.approval.create({ data: { ...data, sparadosId: approval.id, cardId }, select: { id: true } })).id;
  }

  const card = await tx.card.findUniqueOrThrow({
    where: { id: cardId },
    select: { currentApprovalId: true, currentApproval: { select: { sparadosId: true, status: true } } },
  });
  let current = card.currentApprovalId === approvalId;
  if (!current && takesOver({ status, parentSparadosId: data.parentSparadosId }, card.currentApproval)) {
    await tx.card.update({ where: { id: cardId }, data: { currentApprovalId: approvalId } });
    current = true;
  }

  const statusChangedFrom = existing && existing.status !== status ? (existing.status as ApprovalStatus) : null;
  const cardStatusChanged = existing !== null && existing.cardStatus !== approval.cardStatus && status === 'DELIVERED';
  const changed = !existing || statusChangedFrom !== null || cardStatusChanged;
  await refreshCardListColumns(tx, cardId, changed ? now : undefined);

  if (options.recordChanges ?? true) {
    const summary = cardCreated
      ? `Card found in Sparados: approval ${approval.id} (${STATUS_LABELS[status]}).`
      : describeChange(approval, data.parentSparadosId, existing ? (existing.status as ApprovalStatus) : null, status, existing?.cardStatus ?? null, approval.cardStatus);
    if (summary) {
      await recordAudit(
        tx,
        {
          action: cardCreated ? 'cards.discovered' : data.parentSparadosId && !existing ? 'cards.change_requested' : 'cards.status_changed',
          summary,
          targetType: 'card',
          targetId: cardId,
          before: existing ? { approvalId: approval.id, status: existing.status, cardStatus: existing.cardStatus } : undefined,
          after: { approvalId: approval.id, status, cardStatus: approval.cardStatus },
        },
        { actor: null, ip: null, at: now },
      );
    }
  }

  return { approvalId, cardId, current, created: !existing, statusChangedFrom, stale: false };
}

/**
 * Upserts the approval as Sparados returned it, creates or links its Card, follows the reapproval
 * chain, refreshes the list columns and (unless turned off) writes a timeline entry for a change.
 */
export async function saveApprovalFromSparados(approval: SparadosApproval, options: SaveApprovalOptions = {}, db: PrismaClient = defaultDb): Promise<SavedApproval> {
  if (options.tx) return save(options.tx, approval, options);
  return db.$transaction((tx) => save(tx, approval, options));
}
