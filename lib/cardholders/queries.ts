import 'server-only';
import { db } from '@/lib/db';
import type { ApprovalStatus } from '@/lib/approvals/state-machine';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isUuid } from '@/lib/ids';

// Reading the cardholder directory for its pages and for the assign form's picker.

export const CARDHOLDERS_PAGE_SIZE = 50;

export interface CardSummary {
  id: string;
  description: string | null;
  status: ApprovalStatus | null;
  cardStatus: string | null;
  endDate: Date | null;
  approvalId: string | null;
  budgetMinor: bigint | null;
  spentMinor: bigint | null;
  /** The account (Card Alias ID); the page knows its currency. */
  cardAliasId: string | null;
}

export interface CardholderRow {
  id: string;
  email: string;
  phonePrefix: string;
  phoneNumber: string;
  firstName: string | null;
  lastName: string | null;
  sparadosUserId: string | null;
  cards: CardSummary[];
}

function searchWhere(q: string | undefined): Prisma.CardholderWhereInput {
  const where: Prisma.CardholderWhereInput = { deletedAt: null };
  const terms = (q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (terms.length === 0) return where;
  // Every word must match somewhere: "ewa nowak" finds Ewa Nowak, "+48 600" her phone.
  return {
    ...where,
    AND: terms.map((raw) => {
      const term = raw.replace(/^\+/, '');
      return {
        OR: [
          { email: { contains: term, mode: 'insensitive' as const } },
          { firstName: { contains: term, mode: 'insensitive' as const } },
          { lastName: { contains: term, mode: 'insensitive' as const } },
          { phoneNumber: { contains: term } },
          { phonePrefix: term },
          { sparadosUserId: term },
        ],
      };
    }),
  };
}

const cardSelect = {
  id: true,
  description: true,
  status: true,
  cardStatus: true,
  endDate: true,
  currentApproval: { select: { sparadosId: true, budgetMinor: true, spentMinor: true, balanceAliasId: true } },
} satisfies Prisma.CardSelect;

type CardRecord = Prisma.CardGetPayload<{ select: typeof cardSelect }>;

function toCardSummary(card: CardRecord): CardSummary {
  return {
    id: card.id,
    description: card.description,
    status: card.status,
    cardStatus: card.cardStatus,
    endDate: card.endDate,
    approvalId: card.currentApproval?.sparadosId ?? null,
    budgetMinor: card.currentApproval?.budgetMinor ?? null,
    spentMinor: card.currentApproval?.spentMinor ?? null,
    cardAliasId: card.currentApproval?.balanceAliasId ?? null,
  };
}

export async function listCardholders(options: { q?: string; page?: number } = {}): Promise<{ rows: CardholderRow[]; total: number; page: number; pageCount: number }> {
  const where = searchWhere(options.q);
  const total = await db.cardholder.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / CARDHOLDERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const holders = await db.cardholder.findMany({
    where,
    orderBy: [{ lastName: { sort: 'asc', nulls: 'last' } }, { firstName: { sort: 'asc', nulls: 'last' } }, { email: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * CARDHOLDERS_PAGE_SIZE,
    take: CARDHOLDERS_PAGE_SIZE,
    select: {
      id: true,
      email: true,
      phonePrefix: true,
      phoneNumber: true,
      firstName: true,
      lastName: true,
      sparadosUserId: true,
      cards: { select: cardSelect, orderBy: { createdAt: 'desc' }, take: 20 },
    },
  });
  return { rows: holders.map((h) => ({ ...h, cards: h.cards.map(toCardSummary) })), total, page, pageCount };
}

export interface CardholderOption {
  id: string;
  label: string;
  email: string;
  phone: string;
  sparadosUserId: string | null;
}

/** The assign form's picker: a few matches for what was typed. */
export async function searchCardholderOptions(q: string, limit = 8): Promise<CardholderOption[]> {
  const holders = await db.cardholder.findMany({
    where: searchWhere(q),
    orderBy: [{ lastName: { sort: 'asc', nulls: 'last' } }, { email: 'asc' }],
    take: limit,
    select: { id: true, email: true, phonePrefix: true, phoneNumber: true, firstName: true, lastName: true, sparadosUserId: true },
  });
  return holders.map((h) => ({
    id: h.id,
    label: [h.firstName, h.lastName].filter(Boolean).join(' ') || h.email,
    email: h.email,
    phone: h.phonePrefix ? `+${h.phonePrefix} ${h.phoneNumber}` : h.phoneNumber,
    sparadosUserId: h.sparadosUserId,
  }));
}

export async function getCardholder(id: string) {
  if (!isUuid(id)) return null;
  const holder = await db.cardholder.findUnique({
    where: { id },
    include: { cards: { select: cardSelect, orderBy: { createdAt: 'desc' } } },
  });
  if (!holder) return null;
  return { ...holder, cards: holder.cards.map(toCardSummary) };
}

export type CardholderDetail = NonNullable<Awaited<ReturnType<typeof getCardholder>>>;
