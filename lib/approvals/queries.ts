import 'server-only';
import { request } from 'undici';
import { z } from 'zod';
import { getAccountsConfig } from '@/lib/accounts/queries';
import type { Account } from '@/lib/accounts/types';
import { db } from '@/lib/db';
import { Prisma, type Approval as ApprovalRow } from '@/lib/generated/prisma/client';
import { formatMinorAsInput } from '@/lib/money';
import { getSettings } from '@/lib/settings/queries';
import { cardInFlight } from '@/lib/requests/queries';
import { getSparadosClient } from '@/lib/sparados';
import { decodeCursor, encodeCursor, type CardListQuery, type CardSort } from './list-params';
import { getMccCategories } from './mcc-settings';
import { limitsInWords, limitsToForm, mccToForm, readStoredRules } from './rules-view';
import { isApprovalStatus, isActionAllowed, type ApprovalStatus } from './state-machine';
import { SYNC_ACTOR_NAME } from './store';
import { localDate } from './validity';
import { cardsWithWaitingChanges } from '@/lib/budgets/held-changes';
import type { ApprovalView, CardDetail, CardListPage, CardListRow, TimelineEntry } from './view-types';
import { isUuid } from '@/lib/ids';
import { cardEvents } from '@/lib/webhooks/card-events';

// Reads for the cards list and the card page. The list pages by keyset over the Card table's
// copied columns and indexes (docs/decisions/064-cards-list-keyset.md): the cost of a page does
// not grow with how deep it is, unlike OFFSET.

// ---- the list ----

const SORT_COLUMN: Record<CardSort, { column: Prisma.Sql; text: Prisma.Sql; type: 'timestamp' | 'text' }> = {
  activity: { column: Prisma.sql`c."lastActivityAt"`, text: Prisma.sql`to_char(c."lastActivityAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS')`, type: 'timestamp' },
  endDate: { column: Prisma.sql`c."endDate"`, text: Prisma.sql`to_char(c."endDate", 'YYYY-MM-DD"T"HH24:MI:SS.MS')`, type: 'timestamp' },
  created: { column: Prisma.sql`c."createdAt"`, text: Prisma.sql`to_char(c."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS')`, type: 'timestamp' },
  name: { column: Prisma.sql`c."holderSortName"`, text: Prisma.sql`c."holderSortName"`, type: 'text' },
};

const LIVE: ApprovalStatus[] = ['ACCEPTED', 'PREPARED', 'DELIVERED'];

/** Prisma stores DateTime as UTC wall time in `timestamp(3)`: compare with UTC text, not a zoned value. */
function utc(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString().slice(0, 23)}::timestamp(3)`;
}

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function cardListFilters(query: CardListQuery, now: Date = new Date()): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (query.q) where.push(Prisma.sql`c."searchText" LIKE ${likePattern(query.q)}`);
  if (query.status.length) where.push(Prisma.sql`c.status = ANY(CAST(${query.status} AS "ApprovalStatus"[]))`);
  if (query.cardStatus) where.push(Prisma.sql`c."cardStatus" = ${query.cardStatus}`);
  if (query.account) where.push(Prisma.sql`c."balanceAliasId" = ${query.account}`);
  if (query.tag) where.push(Prisma.sql`c.tags @> ARRAY[${query.tag}]::text[]`);
  if (query.expiringDays) {
    const until = new Date(now.getTime() + query.expiringDays * 86_400_000);
    where.push(Prisma.sql`c."endDate" >= ${utc(now)} AND c."endDate" < ${utc(until)} AND c.status = ANY(CAST(${LIVE} AS "ApprovalStatus"[]))`);
  }
  if (query.sort === 'endDate') where.push(Prisma.sql`c."endDate" IS NOT NULL`);
  return where;
}

function and(parts: Prisma.Sql[]): Prisma.Sql {
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty;
}

/** Ids of one page, in display order, plus whether more rows lie beyond it. */
export async function cardListIds(query: CardListQuery, now: Date = new Date()): Promise<{ ids: Array<{ id: string; sortValue: string }>; more: boolean; backwards: boolean }> {
  const sort = SORT_COLUMN[query.sort];
  const cursor = query.after ? decodeCursor(query.after) : query.before ? decodeCursor(query.before) : null;
  const backwards = Boolean(query.before && cursor);
  // Going back walks the index the other way and flips the rows afterwards.
  const descending = (query.dir === 'desc') !== backwards;
  const where = cardListFilters(query, now);
  if (cursor) {
    const value = sort.type === 'timestamp' ? Prisma.sql`${cursor.value}::timestamp(3)` : Prisma.sql`${cursor.value}`;
    where.push(descending ? Prisma.sql`(${sort.column}, c.id) < (${value}, ${cursor.id}::uuid)` : Prisma.sql`(${sort.column}, c.id) > (${value}, ${cursor.id}::uuid)`);
  }
  const order = descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await db.$queryRaw<Array<{ id: string; sort_value: string }>>`
    SELECT c.id, ${sort.text} AS sort_value
    FROM "Card" c
    ${and(where)}
    ORDER BY ${sort.column} ${order}, c.id ${order}
    LIMIT ${query.size + 1}`;
  const more = rows.length > query.size;
  const page = rows.slice(0, query.size).map((r) => ({ id: r.id, sortValue: r.sort_value }));
  if (backwards) page.reverse();
  return { ids: page, more, backwards };
}

export async function countCards(query: CardListQuery, now: Date = new Date()): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) AS count FROM "Card" c ${and(cardListFilters(query, now))}`;
  return Number(row?.count ?? 0);
}

async function accountsByAlias(): Promise<Map<string, Account>> {
  try {
    return new Map((await getAccountsConfig()).accounts.map((a) => [a.cardAliasId, a]));
  } catch {
    // Sparados unreachable: the list still shows, amounts without a currency symbol.
    return new Map();
  }
}

function holderName(h: { firstName: string | null; lastName: string | null; email: string }): string {
  return [h.firstName, h.lastName].filter(Boolean).join(' ') || h.email;
}

export async function listCards(query: CardListQuery, now: Date = new Date()): Promise<CardListPage> {
  const [{ ids, more, backwards }, total, accounts] = await Promise.all([cardListIds(query, now), countCards(query, now), accountsByAlias()]);
  const cards = await db.card.findMany({
    where: { id: { in: ids.map((i) => i.id) } },
    include: { cardholder: true, currentApproval: true },
  });
  const [pending, held] = await Promise.all([
    db.approval.findMany({ where: { cardId: { in: ids.map((i) => i.id) }, status: 'CREATED', currentOf: null }, select: { cardId: true } }),
    cardsWithWaitingChanges(ids.map((i) => i.id)),
  ]);
  const waiting = new Set(pending.map((p) => p.cardId));
  const byId = new Map(cards.map((c) => [c.id, c]));
  const rows: CardListRow[] = [];
  for (const { id } of ids) {
    const card = byId.get(id);
    if (!card) continue;
    const a = card.currentApproval;
    const h = card.cardholder;
    rows.push({
      id: card.id,
      holder: { id: h.id, name: holderName(h), email: h.email, phone: h.phoneNumber ? `+${h.phonePrefix} ${h.phoneNumber}` : '' },
      description: card.description,
      approvalId: a?.sparadosId ?? null,
      status: a ? (isApprovalStatus(a.status) ? a.status : 'UNKNOWN') : null,
      cardStatus: card.cardStatus,
      currency: (a && accounts.get(a.balanceAliasId)?.currency) ?? null,
      budgetMinor: a?.budgetMinor.toString() ?? null,
      spentMinor: a?.spentMinor?.toString() ?? null,
      availableMinor: a?.availableMinor?.toString() ?? null,
      startDate: a?.startDate.toISOString() ?? null,
      endDate: a?.endDate.toISOString() ?? null,
      timezone: a?.timezone ?? null,
      tags: card.tags,
      lastActivityAt: card.lastActivityAt.toISOString(),
      pendingRequest: waiting.has(card.id),
      awaitingSecondApprover: held.has(card.id),
    });
  }
  const first = ids[0];
  const last = ids.at(-1);
  // A page reached going back always has a page after it; one reached going forward has one before
  // it unless it is the first page.
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : Boolean(query.after);
  return {
    rows,
    next: hasNext && last ? encodeCursor(last.sortValue, last.id) : null,
    prev: hasPrev && first ? encodeCursor(first.sortValue, first.id) : null,
    total,
    generatedAt: new Date().toISOString(),
  };
}

export interface CardListFacets {
  accounts: Array<{ id: string; name: string; currency: string }>;
  /** Tags in use, for the filter's suggestions. */
  tags: string[];
  timezone: string;
}

export async function cardListFacets(): Promise<CardListFacets> {
  const [accounts, rows, settings] = await Promise.all([
    accountsByAlias(),
    db.$queryRaw<Array<{ tag: string }>>`SELECT DISTINCT unnest(tags) AS tag FROM "Card" ORDER BY 1 LIMIT 200`,
    getSettings(),
  ]);
  return {
    accounts: [...accounts.values()].map((a) => ({ id: a.cardAliasId, name: a.name, currency: a.currency })),
    tags: rows.map((r) => r.tag),
    timezone: settings['display.timezone'],
  };
}

// ---- the card page ----

export interface CardEditSupport {
  mccCategories: Awaited<ReturnType<typeof getMccCategories>>;
  visuals: Array<{ id: string; name: string }>;
  timezone: string;
}

/** What the edit form offers (categories, visuals, zones) and the zone times are shown in. */
export async function getCardEditSupport(): Promise<CardEditSupport> {
  const [mccCategories, settings, visuals] = await Promise.all([
    getMccCategories(),
    getSettings(),
    getAccountsConfig().then((c) => c.visuals, () => []),
  ]);
  return { mccCategories, visuals, timezone: settings['display.timezone'] };
}

const emailSchema = z.array(z.object({ template: z.string(), approvalId: z.string(), to: z.string().nullish(), at: z.string() }));

const EMAIL_LABELS: Record<string, string> = {
  BC_USER_PENDING_CARD: 'Card assigned: invitation to register and redeem',
  BC_USER_NEW_CARD: 'Card redeemed and ready',
  BC_USER_CARD_EXPIRING: 'Card expires tomorrow',
  BC_USER_CARD_EXPIRED: 'Card expired',
  BC_USER_CARD_DELETED: 'Card taken back',
  BC_USER_CARD_LOCKED: 'Card locked',
  BC_USER_PENDING_TERMS_AND_CONDITIONS: 'Terms and conditions to accept',
};

/**
 * E-mails Sparados sent the cardholder about these approvals. Sparados offers no API for them; the
 * sandbox logs them, so they show in the sandbox only (SPARADOS_ENV=sandbox).
 */
async function sandboxEmails(approvalIds: readonly string[]): Promise<TimelineEntry[]> {
  const client = getSparadosClient();
  if (client.config.environment !== 'sandbox' || approvalIds.length === 0) return [];
  try {
    const url = new URL('/_sandbox/emails', client.config.baseUrls.full);
    const response = await request(url, { dispatcher: client.transport.dispatcher, headersTimeout: 3_000, bodyTimeout: 3_000 });
    const text = await response.body.text();
    if (response.statusCode !== 200) return [];
    const wanted = new Set(approvalIds);
    return emailSchema
      .parse(JSON.parse(text))
      .filter((e) => wanted.has(e.approvalId))
      .map((e, index) => ({
        id: `email-${e.approvalId}-${index}-${e.template}`,
        at: new Date(e.at).toISOString(),
        kind: 'email' as const,
        actor: e.to ?? 'cardholder',
        summary: `E-mail to the cardholder: ${EMAIL_LABELS[e.template] ?? e.template} (${e.template}).`,
      }));
  } catch {
    return [];
  }
}

function approvalView(a: ApprovalRow, currentId: string | null, currency: string | null, catalog: Awaited<ReturnType<typeof getMccCategories>>): ApprovalView {
  const status = isApprovalStatus(a.status) ? a.status : 'UNKNOWN';
  return {
    id: a.id,
    sparadosId: a.sparadosId,
    parentSparadosId: a.parentSparadosId,
    status,
    statusRaw: a.statusRaw,
    cardStatus: status === 'DELIVERED' ? a.cardStatus : null,
    sparadosCardId: a.sparadosCardId,
    origin: a.origin,
    budgetMinor: a.budgetMinor.toString(),
    spentMinor: a.spentMinor?.toString() ?? null,
    availableMinor: a.availableMinor?.toString() ?? null,
    startDate: a.startDate.toISOString(),
    endDate: a.endDate.toISOString(),
    timezone: a.timezone,
    allowChangeRequest: a.allowChangeRequest,
    tags: a.tags,
    limitsInWords: limitsInWords(readStoredRules(a.rules), currency ?? 'XXX', catalog),
    createdAt: (a.sparadosCreatedAt ?? a.createdAt).toISOString(),
    lastSyncedAt: a.lastSyncedAt.toISOString(),
    isCurrent: a.id === currentId,
  };
}

export async function getCardDetail(cardId: string): Promise<CardDetail | null> {
  if (!isUuid(cardId)) return null;
  const card = await db.card.findUnique({
    where: { id: cardId },
    include: { cardholder: true, approvals: { orderBy: [{ sparadosCreatedAt: 'asc' }, { createdAt: 'asc' }] } },
  });
  if (!card) return null;
  const [accounts, catalog, audit, inFlight, codeEvents] = await Promise.all([
    accountsByAlias(),
    getMccCategories(),
    db.auditEvent.findMany({ where: { targetType: 'card', targetId: cardId }, orderBy: { at: 'desc' }, take: 200 }),
    cardInFlight(cardId),
    cardEvents(db, cardId),
  ]);
  const currentRow = card.approvals.find((a) => a.id === card.currentApprovalId) ?? null;
  const account = currentRow ? accounts.get(currentRow.balanceAliasId) : undefined;
  const currency = account?.currency ?? null;
  const chain = card.approvals.map((a) => approvalView(a, card.currentApprovalId, currency, catalog));
  const current = chain.find((a) => a.isCurrent) ?? null;
  const emails = await sandboxEmails(card.approvals.map((a) => a.sparadosId));

  const timeline: TimelineEntry[] = [
    ...audit.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: (e.actorId ? 'action' : 'sync') as TimelineEntry['kind'],
      actor: e.actorName ?? SYNC_ACTOR_NAME,
      summary: e.summary,
    })),
    ...emails,
    ...codeEvents.map((e) => ({ ...e, at: e.at.toISOString() })),
  ].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));

  const rules = currentRow ? readStoredRules(currentRow.rules) : null;
  const editable = currentRow && current && currency && isActionAllowed('edit', current.status, current.cardStatus);
  const h = card.cardholder;
  return {
    id: card.id,
    description: card.description,
    holder: { id: h.id, name: holderName(h), email: h.email, phone: h.phoneNumber ? `+${h.phonePrefix} ${h.phoneNumber}` : '', sparadosUserId: h.sparadosUserId },
    currency,
    accountName: account?.name ?? null,
    current,
    chain,
    pendingRequests: chain.filter((a) => a.status === 'CREATED' && !a.isCurrent),
    inFlight,
    timeline,
    editDefaults:
      editable && rules && currentRow
        ? {
            budget: formatMinorAsInput(currentRow.budgetMinor, currency),
            startDate: localDate(currentRow.startDate, currentRow.timezone),
            endDate: localDate(currentRow.endDate, currentRow.timezone),
            timezone: currentRow.timezone,
            limits: limitsToForm(rules, currency),
            mcc: mccToForm(rules, catalog),
            visualId: rules.visualId ?? '',
            description: card.description ?? '',
            tags: currentRow.tags,
            allowChangeRequest: currentRow.allowChangeRequest,
          }
        : null,
    generatedAt: new Date().toISOString(),
  };
}
