import 'server-only';
import { db as defaultDb } from '@/lib/db';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import type { TransactionStatus } from '@/lib/generated/prisma/enums';
import { isKnown, type Transaction as SparadosTransaction } from '@/lib/sparados';
import { allowedMoves, newerReading } from './status-order';

// Writes THC transactions into the local mirror (model Transaction), unique by (sparadosId, type).
// One statement per batch; the ON CONFLICT guard refuses a status that would move backwards, so two
// readings racing each other (an old fetch landing after a new one) cannot undo a CLEARED.

export interface MirrorRow {
  sparadosId: string;
  type: string;
  status: TransactionStatus;
  statusRaw: string;
  amountMinor: bigint;
  currency: string;
  originalAmountMinor: bigint | null;
  originalCurrency: string | null;
  merchantName: string | null;
  mcc: string | null;
  merchantCountry: string | null;
  sparadosCardId: string | null;
  cardLast4: string | null;
  balanceId: string | null;
  approvalSparadosId: string | null;
  declineReason: string | null;
  occurredAt: Date;
  sparadosUpdatedAt: Date;
}

export function toMirrorRow(t: SparadosTransaction): MirrorRow {
  return {
    sparadosId: t.id,
    type: t.rawType,
    status: isKnown(t.status) ? t.status : 'UNKNOWN',
    statusRaw: t.rawStatus,
    amountMinor: BigInt(t.amountMinor),
    currency: t.currency,
    originalAmountMinor: t.originalAmountMinor === null ? null : BigInt(t.originalAmountMinor),
    originalCurrency: t.originalCurrency,
    merchantName: t.merchantName,
    mcc: t.mcc,
    merchantCountry: t.merchantCountry,
    sparadosCardId: t.cardId,
    cardLast4: t.cardLast4Digits,
    balanceId: t.balanceId,
    approvalSparadosId: t.approvalId,
    declineReason: t.declineReason,
    occurredAt: t.createdAt,
    sparadosUpdatedAt: t.updatedAt ?? t.createdAt,
  };
}

export interface MirrorResult {
  inserted: number;
  updated: number;
  /** Readings older than what the mirror holds (late or repeated events): left as they were. */
  ignored: number;
}

const MAX_ROWS_PER_STATEMENT = 500;

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;
const big = (v: bigint | null) => (v === null ? Prisma.sql`NULL::bigint` : Prisma.sql`${v.toString()}::bigint`);

function values(row: MirrorRow): Prisma.Sql {
  // The panel's card: by the card id when the approval sync has seen the card, else by the approval.
  const cardId = Prisma.sql`COALESCE(
      (SELECT c."id" FROM "Card" c WHERE c."sparadosCardId" = ${row.sparadosCardId} ORDER BY c."createdAt" DESC LIMIT 1),
      (SELECT a."cardId" FROM "Approval" a WHERE a."sparadosId" = ${row.approvalSparadosId}))`;
  return Prisma.sql`(gen_random_uuid(), ${row.sparadosId}, ${row.type}, ${row.status}::"TransactionStatus", ${row.statusRaw},
    ${big(row.amountMinor)}, ${row.currency}, ${big(row.originalAmountMinor)}, ${row.originalCurrency}, ${row.merchantName},
    ${row.mcc}, ${row.merchantCountry}, ${row.sparadosCardId}, ${cardId}, ${row.cardLast4}, ${row.balanceId},
    ${row.approvalSparadosId}, ${row.declineReason}, ${ts(row.occurredAt)}, ${ts(row.sparadosUpdatedAt)}, now())`;
}

const MOVE_GUARD = Prisma.raw(
  allowedMoves()
    .map(([from, to]) => `('${from}', '${to}')`)
    .join(', '),
);

async function upsertChunk(db: PrismaClient, rows: MirrorRow[]): Promise<MirrorResult> {
  const result = await db.$queryRaw<Array<{ inserted: boolean }>>`
    INSERT INTO "Transaction" AS t ("id", "sparadosId", "type", "status", "statusRaw", "amountMinor", "currency",
      "originalAmountMinor", "originalCurrency", "merchantName", "mcc", "merchantCountry", "sparadosCardId", "cardId",
      "cardLast4", "balanceId", "approvalSparadosId", "declineReason", "occurredAt", "sparadosUpdatedAt", "syncedAt")
    VALUES ${Prisma.join(rows.map(values))}
    ON CONFLICT ("sparadosId", "type") DO UPDATE SET
      "status" = EXCLUDED."status", "statusRaw" = EXCLUDED."statusRaw", "amountMinor" = EXCLUDED."amountMinor",
      "currency" = EXCLUDED."currency", "originalAmountMinor" = EXCLUDED."originalAmountMinor",
      "originalCurrency" = EXCLUDED."originalCurrency", "merchantName" = EXCLUDED."merchantName", "mcc" = EXCLUDED."mcc",
      "merchantCountry" = EXCLUDED."merchantCountry", "sparadosCardId" = EXCLUDED."sparadosCardId",
      "cardId" = COALESCE(EXCLUDED."cardId", t."cardId"), "cardLast4" = EXCLUDED."cardLast4",
      "balanceId" = EXCLUDED."balanceId", "approvalSparadosId" = EXCLUDED."approvalSparadosId",
      "declineReason" = EXCLUDED."declineReason", "occurredAt" = EXCLUDED."occurredAt",
      "sparadosUpdatedAt" = EXCLUDED."sparadosUpdatedAt", "syncedAt" = now()
    WHERE (t."status"::text, EXCLUDED."status"::text) IN (${MOVE_GUARD})
       OR (t."status" = EXCLUDED."status" AND EXCLUDED."sparadosUpdatedAt" >= t."sparadosUpdatedAt")
    RETURNING (xmax = 0) AS inserted`;
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted, ignored: rows.length - result.length };
}

/** Saves THC readings; several readings of one transaction in the list collapse to the newest. */
export async function saveTransactions(readings: MirrorRow[], db: PrismaClient = defaultDb): Promise<MirrorResult> {
  const byKey = new Map<string, MirrorRow>();
  for (const row of readings) {
    const key = `${row.sparadosId}\0${row.type}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? newerReading(seen, row) : row);
  }
  const rows = [...byKey.values()];
  const total: MirrorResult = { inserted: 0, updated: 0, ignored: readings.length - rows.length };
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) {
    const part = await upsertChunk(db, rows.slice(i, i + MAX_ROWS_PER_STATEMENT));
    total.inserted += part.inserted;
    total.updated += part.updated;
    total.ignored += part.ignored;
  }
  return total;
}

/**
 * Links transactions saved before the approval sync knew their card. Only the last `days` are looked
 * at (an index range on occurredAt): a card the panel did not issue stays unlinked, and older ones
 * were linked by earlier passes.
 */
export async function linkUnlinkedTransactions(db: PrismaClient = defaultDb, days = 30): Promise<number> {
  return db.$executeRaw`
    UPDATE "Transaction" t SET "cardId" = c."id"
    FROM "Card" c
    WHERE t."occurredAt" > now() - make_interval(days => ${days}::int)
      AND t."cardId" IS NULL AND t."sparadosCardId" IS NOT NULL AND c."sparadosCardId" = t."sparadosCardId"`;
}
