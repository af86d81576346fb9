import 'server-only';
import { csvHeader, csvLine } from './csv';
import type { TransactionFilters } from './filters';
import { iterateTransactions, type TransactionQueryContext } from './queries';

// The filtered set as a CSV byte stream. Each pull reads one keyset batch, so a million rows go out
// with one batch in memory, and a client that stops reading stops the queries (backpressure).

const BOM = '\uFEFF'; // Excel reads UTF-8 (names with diacritics) only with it.

export function transactionsCsvStream(filters: TransactionFilters, ctx: TransactionQueryContext, options: { batchSize?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateTransactions(filters, ctx, options.batchSize);
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(BOM + csvHeader()));
      },
      async pull(controller) {
        const { value, done } = await batches.next();
        if (done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(value.map((row) => csvLine(row, ctx.timeZone)).join('')));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    // One batch queued ahead at most.
    { highWaterMark: 1 },
  );
}
