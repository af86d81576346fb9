'use server';

import { defineAction } from '@/lib/actions/define-action';
import { decideManyRequests, editAndAcceptRequest as editAndAccept, requestAuditDraft } from './decide';
import { bulkDecisionSchema, editAndAcceptSchema } from './schemas';

// Server actions of the requests inbox beyond accept and reject of one request (those are
// acceptChangeRequest / rejectChangeRequest in lib/approvals/actions.ts). Only APPROVER and ADMIN
// decide (requests.decide), enforced here by the action wrapper.

export const editAndAcceptRequest = defineAction({
  name: 'requests.edit_accept',
  permission: 'requests.decide',
  schema: editAndAcceptSchema,
  run: (input, { user }) => editAndAccept(input, user),
  audit: (_input, data, { user }) => (data.replayed ? null : requestAuditDraft(user.name, data)),
  revalidate: (_input, data) => ['/requests', '/cards', `/cards/${data.cardId}`],
});

export const decideRequests = defineAction({
  name: 'requests.bulk_decide',
  permission: 'requests.decide',
  schema: bulkDecisionSchema,
  run: async (input, { user }) => ({ rows: await decideManyRequests(input, user) }),
  audit: (_input, data, { user }) => data.rows.flatMap((row) => (row.result && !row.result.replayed ? [requestAuditDraft(user.name, row.result)] : [])),
  revalidate: ['/requests', '/cards'],
});
