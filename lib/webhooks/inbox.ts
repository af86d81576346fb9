import 'server-only';
import { db as defaultDb } from '@/lib/db';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import type { InboxDraft } from './events';
import { seal } from './seal';

// Stores received events before the listener replies: INSERT … ON CONFLICT ("dedupeKey") DO NOTHING,
// so a retried delivery is acknowledged again without a second row. Each call resolves only once its
// row is committed, and tells whether the event was new.

async function insert(db: PrismaClient, drafts: InboxDraft[], sealKey: Buffer): Promise<Set<string>> {
  const rows = drafts.map((d) => {
    const sealed = d.secret === null ? null : seal(d.secret, sealKey);
    return Prisma.sql`(${d.kind}, ${d.dedupeKey}, ${JSON.stringify(d.payload)}::jsonb, ${sealed})`;
  });
  const inserted = await db.$queryRaw<Array<{ dedupeKey: string }>>`
    INSERT INTO "WebhookInbox" ("kind", "dedupeKey", "payload", "sealedSecret")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "dedupeKey"`;
  return new Set(inserted.map((r) => r.dedupeKey));
}

export interface InboxWriterOptions {
  sealKey: Buffer;
  db?: PrismaClient;
  /** Rows per INSERT at most. */
  maxBatch?: number;
  /** INSERTs in flight at once; calls arriving meanwhile wait and go together in the next one. */
  maxInFlight?: number;
}

/**
 * The listener's writer: calls that arrive while INSERTs are in flight are grouped into the next one
 * (one statement and one commit for many events), so under load the database does a commit per batch
 * instead of per event. Idle, a call is written at once: no timer adds latency.
 */
export function createInboxWriter(options: InboxWriterOptions): (draft: InboxDraft) => Promise<boolean> {
  const db = options.db ?? defaultDb;
  const maxBatch = options.maxBatch ?? 200;
  const maxInFlight = options.maxInFlight ?? 2;
  let waiting: Array<{ draft: InboxDraft; resolve: (isNew: boolean) => void; reject: (error: unknown) => void }> = [];
  let inFlight = 0;

  function flush(): void {
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      inFlight++;
      insert(
        db,
        batch.map((w) => w.draft),
        options.sealKey,
      )
        .then((inserted) => {
          // Within one batch the same key may come twice: the first is the new one.
          for (const w of batch) {
            const isNew = inserted.delete(w.draft.dedupeKey);
            w.resolve(isNew);
          }
        })
        .catch((error: unknown) => {
          for (const w of batch) w.reject(error);
        })
        .finally(() => {
          inFlight--;
          flush();
        });
    }
  }

  return (draft) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ draft, resolve, reject });
      flush();
    });
}
