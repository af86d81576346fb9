import 'server-only';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { toAuditJson } from './json';
import type { AuditActor, AuditDraft } from './types';

export type { AuditActor, AuditDraft } from './types';

/** The client or an open transaction: audit rows written inside a transaction commit with it. */
export type AuditDb = PrismaClient | Prisma.TransactionClient;

export interface AuditMeta {
  actor: AuditActor | null;
  ip: string | null;
  at?: Date;
}

function jsonOrUndefined(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined) return undefined;
  const json = toAuditJson(value);
  // A JSON null would need Prisma.JsonNull; "nothing to record" is stored as SQL NULL instead.
  return json === null ? undefined : (json as Prisma.InputJsonValue);
}

export async function recordAudit(db: AuditDb, drafts: AuditDraft | readonly AuditDraft[], meta: AuditMeta): Promise<void> {
  const list = Array.isArray(drafts) ? drafts : [drafts as AuditDraft];
  if (list.length === 0) return;
  await db.auditEvent.createMany({
    data: list.map((draft) => ({
      at: meta.at,
      actorId: meta.actor?.id ?? null,
      actorEmail: meta.actor?.email ?? null,
      actorName: meta.actor?.name ?? null,
      action: draft.action,
      targetType: draft.targetType ?? null,
      targetId: draft.targetId ?? null,
      ip: meta.ip,
      summary: draft.summary,
      before: jsonOrUndefined(draft.before),
      after: jsonOrUndefined(draft.after),
    })),
  });
}
