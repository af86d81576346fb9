'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/queue';
import { BULK_IMPORT_JOB } from './job';
import { MAX_BULK_BYTES } from './parse';
import { createBulkImport, markConfirmed } from './store';

// Upload (validate and store for the preview) and confirm (queue the job). Assigning cards in
// bulk is assigning cards: the same permission as the assign form.

const uploadSchema = z.object({
  file: z
    .instanceof(File, { message: 'Choose a CSV file' })
    .refine((file) => file.size > 0, 'The file is empty')
    .refine((file) => file.size <= MAX_BULK_BYTES, `The file is larger than ${Math.floor(MAX_BULK_BYTES / 1024)} KB; split it`),
  cardAliasId: z.string().min(1, 'Choose an account'),
  timezone: z.string().optional(),
});

export const uploadBulkCsv = defineAction({
  name: 'cards.bulk_upload',
  permission: 'cards.assign',
  schema: uploadSchema,
  async run({ file, cardAliasId, timezone }, { user }) {
    const text = await file.text();
    return createBulkImport({ fileName: file.name, text, cardAliasId, timezone, actorId: user.id });
  },
  audit: (input, data, { user }) => ({
    action: 'cards.bulk_upload',
    summary: `${user.name} uploaded ${input.file.name} for bulk assignment: ${data.totalRows} rows, ${data.invalidRows} with errors.`,
    targetType: 'bulk_import',
    targetId: data.id,
  }),
});

export const confirmBulkImport = defineAction({
  name: 'cards.bulk_confirm',
  permission: 'cards.assign',
  schema: z.object({ importId: z.uuid() }),
  async run({ importId }, { now }) {
    const first = await markConfirmed(importId, now);
    // A second click finds it confirmed already: the job queued by the first does the work.
    if (!first) return { importId, queued: false };
    try {
      await enqueueJob(BULK_IMPORT_JOB, { importId }, { singletonKey: importId });
    } catch (error) {
      // Back to the preview, so the admin can confirm again once the queue is reachable.
      await db.bulkImport.update({ where: { id: importId }, data: { status: 'PREVIEW', confirmedAt: null } });
      throw new AppError('UPSTREAM_UNAVAILABLE', 'The import could not be queued. Try again in a moment.', { cause: error });
    }
    return { importId, queued: true };
  },
  audit: ({ importId }, data, { user }) =>
    data.queued ? { action: 'cards.bulk_confirm', summary: `${user.name} started bulk import ${importId}.`, targetType: 'bulk_import', targetId: importId } : null,
  revalidate: ({ importId }) => [`/cards/bulk/${importId}`],
});
