import 'server-only';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { actionLabel } from './action-labels';
import { auditCsvHeader, auditCsvLine, auditExportFileName } from './csv';
import { blockingErrors, describeAuditFilters, filtersOf, parseAuditParams, SYSTEM_ACTOR, type AuditFilterErrors, type AuditFilters } from './filters';
import { auditTimeZone, iterateAuditEvents, prepareAuditFilters } from './queries';
import { recordAudit } from './record';

// The filtered audit log as a CSV download. Each pull of the stream reads one keyset batch, so any
// number of entries goes out with one batch in memory, and a client that stops reading stops the
// queries. The export is itself an audited act: it takes names, e-mails and addresses out.

const BOM = '\uFEFF'; // Excel reads UTF-8 (names with diacritics) only with it.

export function auditCsvStream(where: Prisma.AuditEventWhereInput, timeZone: string, options: { batchSize?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateAuditEvents(where, options.batchSize);
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(BOM + auditCsvHeader()));
      },
      async pull(controller) {
        const { value, done } = await batches.next();
        if (done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(value.map((row) => auditCsvLine(row, timeZone)).join('')));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    // One batch queued ahead at most.
    { highWaterMark: 1 },
  );
}

export type AuditExport =
  | { ok: true; stream: ReadableStream<Uint8Array>; fileName: string }
  | { ok: false; errors: AuditFilterErrors };

async function actorName(actor: string | null): Promise<string | undefined> {
  if (!actor || actor === SYSTEM_ACTOR) return undefined;
  return (await db.adminUser.findUnique({ where: { id: actor }, select: { name: true } }))?.name;
}

/** The filters that were set, for the export entry's "after" snapshot. */
function setFilters(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Reads the filters from the URL exactly as the page does, records the export, and returns the
 * stream. Filters that cannot be read export nothing (the page shows why). The caller has checked
 * that `user` may read the audit log.
 */
export async function startAuditExport(params: URLSearchParams, user: SessionUser, ip: string | null, options: { batchSize?: number; now?: Date } = {}): Promise<AuditExport> {
  const { query, errors } = parseAuditParams(params);
  const blocking = blockingErrors(errors);
  if (Object.keys(blocking).length) return { ok: false, errors: blocking };
  const filters = filtersOf(query);
  const timeZone = await auditTimeZone(filters);
  const prepared = await prepareAuditFilters(filters, timeZone);
  if (!prepared.ok) return { ok: false, errors: prepared.errors };

  const now = options.now ?? new Date();
  const described = describeAuditFilters(filters, {
    actionLabel: filters.action ? actionLabel(filters.action) : undefined,
    actorName: await actorName(filters.actor),
    cardLabels: prepared.cards.map((c) => c.label),
    timeZone,
  });
  await recordAudit(
    db,
    { action: 'audit.export', summary: `${user.name} exported the audit log as CSV: ${described}.`, after: { filters: setFilters(filters) } },
    { actor: { id: user.id, email: user.email, name: user.name }, ip, at: now },
  );
  return { ok: true, stream: auditCsvStream(prepared.where, timeZone, options), fileName: auditExportFileName(now, timeZone) };
}
