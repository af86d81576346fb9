import type { InboxKind } from './events';

/** A webhook inbox row a worker has claimed (process-inbox.ts), as the processors of each kind receive it. */
export interface ClaimedInboxRow {
  id: bigint;
  kind: InboxKind;
  payload: Record<string, unknown>;
  sealedSecret: string | null;
  attempts: number;
  receivedAt: Date;
}
