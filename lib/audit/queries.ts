import 'server-only';
import type { Role } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { Prisma, type AuditEvent } from '@/lib/generated/prisma/client';
import { getSettings } from '@/lib/settings/queries';
import { actionLabel } from './action-labels';
import type { AuditCsvRow } from './csv';
import {
  auditDateRange,
  decodeAuditCursor,
  encodeAuditCursor,
  isUuid,
  SYSTEM_ACTOR,
  type AuditFilterErrors,
  type AuditFilters,
  type AuditQuery,
} from './filters';
import type { AuditJson } from './json';
import { APPROVAL_TARGET, approvalCards, CARD_TARGET, cardIdOf, cardLabel, describeTargets } from './targets';
import type { AuditCardMatch, AuditEntryView, AuditFilterOptions, AuditPage } from './view-types';

// Reads of the audit log. Pages go by keyset on (at DESC, id DESC): the (at), (actorId, at),
// (action, at) and (targetType, targetId, at) indexes each serve one filter and hand rows over in
// time order, so a page deep in millions of entries costs what the first one does
// (docs/decisions/110-audit-log-reads.md). Nothing here writes: entries are never changed.

/** The zone dates are read and shown in: the one in the URL, else the panel's display zone. */
export async function auditTimeZone(filters: Pick<AuditFilters, 'tz'>): Promise<string> {
  return filters.tz ?? (await getSettings())['display.timezone'];
}

// ---- the card filter ----

/** Cards a text matches at most before the reader is asked to be more specific. */
export const MAX_CARD_MATCHES = 10;

export type CardFilterResolution = { ok: true; cards: AuditCardMatch[]; approvalKeys: string[] } | { ok: false; message: string };

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A card filter as typed: a card id, an approval id (the panel's or Sparados'), or text matched
 * against the cards list's search column (cardholder name, e-mail, phone, description, ids).
 * Returns the cards and every id their approvals go by, since entries may name either.
 */
export async function resolveCardFilter(text: string): Promise<CardFilterResolution> {
  const value = text.trim();
  let cardIds: string[] = [];
  if (isUuid(value)) {
    const id = value.toLowerCase();
    const [card, approval] = await Promise.all([
      db.card.findUnique({ where: { id }, select: { id: true } }),
      db.approval.findUnique({ where: { id }, select: { cardId: true } }),
    ]);
    cardIds = card ? [card.id] : approval ? [approval.cardId] : [];
  }
  if (cardIds.length === 0) {
    const approval = await db.approval.findUnique({ where: { sparadosId: value }, select: { cardId: true } });
    if (approval) cardIds = [approval.cardId];
  }
  if (cardIds.length === 0) {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Card" WHERE "searchText" LIKE ${likePattern(value)} ORDER BY "lastActivityAt" DESC, id LIMIT ${MAX_CARD_MATCHES + 1}`;
    if (rows.length > MAX_CARD_MATCHES) return { ok: false, message: `More than ${MAX_CARD_MATCHES} cards match “${value}”; type more of the name, e-mail or description` };
    cardIds = rows.map((r) => r.id);
  }
  if (cardIds.length === 0) return { ok: false, message: `No card matches “${value}”` };

  const cards = await db.card.findMany({
    where: { id: { in: cardIds } },
    select: { id: true, description: true, cardholder: { select: { firstName: true, lastName: true, email: true } }, approvals: { select: { id: true, sparadosId: true } } },
  });
  return {
    ok: true,
    cards: cards.map((c) => ({ id: c.id, label: cardLabel(c) })),
    approvalKeys: cards.flatMap((c) => c.approvals.flatMap((a) => [a.id, a.sparadosId])),
  };
}

// ---- the WHERE of a filtered set ----

export type PreparedAuditFilters =
  | { ok: true; where: Prisma.AuditEventWhereInput; cards: AuditCardMatch[]; timeZone: string }
  | { ok: false; errors: AuditFilterErrors; timeZone: string };

/** The filters as a Prisma condition, or errors for filters that name nothing (an unknown card). */
export async function prepareAuditFilters(filters: AuditFilters, timeZone: string): Promise<PreparedAuditFilters> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.actor) and.push({ actorId: filters.actor === SYSTEM_ACTOR ? null : filters.actor });
  if (filters.action) and.push({ action: filters.action });
  const range = auditDateRange(filters, timeZone);
  if (range.from || range.until) and.push({ at: { ...(range.from ? { gte: range.from } : {}), ...(range.until ? { lt: range.until } : {}) } });

  let cards: AuditCardMatch[] = [];
  if (filters.card) {
    const resolved = await resolveCardFilter(filters.card);
    if (!resolved.ok) return { ok: false, errors: { card: resolved.message }, timeZone };
    cards = resolved.cards;
    and.push({
      OR: [
        { targetType: CARD_TARGET, targetId: { in: resolved.cards.map((c) => c.id) } },
        ...(resolved.approvalKeys.length ? [{ targetType: APPROVAL_TARGET, targetId: { in: resolved.approvalKeys } }] : []),
      ],
    });
  }
  return { ok: true, where: and.length ? { AND: and } : {}, cards, timeZone };
}

// ---- pages ----

type Cursor = { at: Date; id: string };

function afterCursor(cursor: Cursor, backwards: boolean): Prisma.AuditEventWhereInput {
  // The redundant bound on `at` lets the index start at the cursor rather than filter from the top.
  return backwards
    ? { at: { gte: cursor.at }, OR: [{ at: { gt: cursor.at } }, { id: { gt: cursor.id } }] }
    : { at: { lte: cursor.at }, OR: [{ at: { lt: cursor.at } }, { id: { lt: cursor.id } }] };
}

const NEWEST_FIRST = [{ at: 'desc' }, { id: 'desc' }] satisfies Prisma.AuditEventOrderByWithRelationInput[];
const OLDEST_FIRST = [{ at: 'asc' }, { id: 'asc' }] satisfies Prisma.AuditEventOrderByWithRelationInput[];

type EventRow = AuditEvent;

async function keysetRows(where: Prisma.AuditEventWhereInput, size: number, cursor: Cursor | null, backwards: boolean): Promise<{ rows: EventRow[]; more: boolean }> {
  const rows = await db.auditEvent.findMany({
    where: cursor ? { AND: [where, afterCursor(cursor, backwards)] } : where,
    orderBy: backwards ? OLDEST_FIRST : NEWEST_FIRST,
    take: size + 1,
  });
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (backwards) page.reverse();
  return { rows: page, more };
}

export async function listAuditEvents(query: AuditQuery, where: Prisma.AuditEventWhereInput, viewer: { role: Role }): Promise<AuditPage> {
  const cursor = query.after ? decodeAuditCursor(query.after) : query.before ? decodeAuditCursor(query.before) : null;
  const backwards = Boolean(query.before && cursor);
  const { rows, more } = await keysetRows(where, query.size, cursor, backwards);
  const targets = await describeTargets(rows, viewer.role);
  const first = rows[0];
  const last = rows.at(-1);
  // Reached going back, a page always has older ones after it; reached going forward, it has newer
  // ones before it unless it is the first.
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : Boolean(cursor);
  return {
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actorId || row.actorEmail || row.actorName ? { id: row.actorId, name: row.actorName, email: row.actorEmail } : null,
      action: row.action,
      actionLabel: actionLabel(row.action),
      summary: row.summary,
      ip: row.ip,
      target: row.targetType && row.targetId ? (targets.get(`${row.targetType}|${row.targetId}`) ?? null) : null,
      before: (row.before ?? null) as AuditJson | null,
      after: (row.after ?? null) as AuditJson | null,
    })) satisfies AuditEntryView[],
    next: hasNext && last ? encodeAuditCursor(last.at, last.id) : null,
    prev: hasPrev && first ? encodeAuditCursor(first.at, first.id) : null,
  };
}

/**
 * The whole filtered set, newest first, one keyset batch per step: the export holds one batch in
 * memory however many entries match, and stops querying when its reader stops reading.
 */
export async function* iterateAuditEvents(where: Prisma.AuditEventWhereInput, batchSize = 500): AsyncGenerator<AuditCsvRow[], void, undefined> {
  let cursor: Cursor | null = null;
  for (;;) {
    const { rows, more } = await keysetRows(where, batchSize, cursor, false);
    if (rows.length === 0) return;
    const approvals = await approvalCards(rows.filter((r) => r.targetType === APPROVAL_TARGET && r.targetId).map((r) => r.targetId!));
    yield rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorName: row.actorName,
      actorEmail: row.actorEmail,
      action: row.action,
      summary: row.summary,
      targetType: row.targetType,
      targetId: row.targetId,
      cardId: cardIdOf(row, approvals),
      ip: row.ip,
      before: row.before,
      after: row.after,
    }));
    if (!more) return;
    const last = rows.at(-1)!;
    cursor = { at: last.at, id: last.id };
  }
}

// ---- filter choices ----

/**
 * Distinct values of an indexed column by a loose index scan (one index probe per value), so the
 * choices cost the number of distinct values, not the number of entries.
 */
async function distinctValues(column: 'action' | 'actorId'): Promise<string[]> {
  const col = Prisma.raw(`"${column}"`);
  const cast = column === 'actorId' ? Prisma.sql`::text` : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ value: string }>>`
    WITH RECURSIVE v AS (
      (SELECT ${col} AS value FROM "AuditEvent" WHERE ${col} IS NOT NULL ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${col} FROM "AuditEvent" WHERE ${col} > v.value ORDER BY ${col} LIMIT 1) FROM v WHERE v.value IS NOT NULL
    )
    SELECT value${cast} AS value FROM v WHERE value IS NOT NULL`;
  return rows.map((r) => r.value);
}

/** Actions and people present in the log (plus the current choice, so the form can show it back). */
export async function auditFilterOptions(current: Pick<AuditFilters, 'action' | 'actor'>): Promise<AuditFilterOptions> {
  const [actions, actorIds] = await Promise.all([distinctValues('action'), distinctValues('actorId')]);
  if (current.action && !actions.includes(current.action)) actions.push(current.action);
  const people = await db.adminUser.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true }, orderBy: [{ name: 'asc' }, { email: 'asc' }] });
  const actors = people.map((p) => ({ value: p.id, label: `${p.name} <${p.email}>` }));
  if (current.actor && isUuid(current.actor) && !actors.some((a) => a.value === current.actor)) {
    const known = await db.adminUser.findUnique({ where: { id: current.actor }, select: { name: true, email: true } });
    actors.push({ value: current.actor, label: known ? `${known.name} <${known.email}>` : 'Unknown person' });
  }
  return {
    actions: actions.map((value) => ({ value, label: actionLabel(value) })).sort((a, b) => a.label.localeCompare(b.label, 'en')),
    actors: [...actors, { value: SYSTEM_ACTOR, label: 'Panel (automatic: sync, reconciler)' }],
  };
}
