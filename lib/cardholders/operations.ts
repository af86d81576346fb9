import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { OperationHandler } from '@/lib/operations/handler';
import { performWrite, type WriteOutcome } from '@/lib/operations/perform-write';
import { getSparadosClient, type CreateUserInput, type SparadosUser, type UpdateUserInput } from '@/lib/sparados';

// Full API user writes as named operation kinds (the write-intent pattern, lib/operations): the
// assign form creates users, the cardholder page edits and deletes them. The reconciler finishes
// any of them left unknown by sending the stored request again with its key.

const createRequest = z.object({ body: z.custom<CreateUserInput>((v) => typeof v === 'object' && v !== null), cardholderId: z.uuid() });
const updateRequest = z.object({
  userId: z.string().min(1),
  body: z.custom<UpdateUserInput>((v) => typeof v === 'object' && v !== null),
  cardholderId: z.uuid(),
  /** The directory's new values, written when Sparados confirms. */
  local: z.object({
    email: z.string(),
    phonePrefix: z.string(),
    phoneNumber: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    birthDate: z.string().nullable(),
    nationality: z.string().nullable(),
  }),
});
const deleteRequest = z.object({ userId: z.string().min(1), cardholderId: z.uuid() });

export type CreateUserRequest = z.infer<typeof createRequest>;
export type UpdateUserRequest = z.infer<typeof updateRequest>;
export type DeleteUserRequest = z.infer<typeof deleteRequest>;

function localData(local: UpdateUserRequest['local']) {
  return { ...local, birthDate: local.birthDate ? new Date(`${local.birthDate}T00:00:00.000Z`) : null };
}

export const CARDHOLDER_OPERATIONS = {
  'user.create': {
    send: (request, key, context) => getSparadosClient().createUser(createRequest.parse(request).body, { idempotencyKey: key, deadlineAt: context.deadlineAt }),
    apply: async (created, tx, operation) => {
      const { cardholderId } = createRequest.parse(operation.request);
      await tx.cardholder.update({ where: { id: cardholderId }, data: { sparadosUserId: created.id, deletedAt: null } });
    },
    describe: (created) => `Sparados user ${created.id} creation confirmed.`,
  } satisfies OperationHandler<{ id: string }>,
  'user.update': {
    send: (request, key, context) => {
      const { userId, body } = updateRequest.parse(request);
      return getSparadosClient().updateUser(userId, body, { idempotencyKey: key, deadlineAt: context.deadlineAt });
    },
    apply: async (_user, tx, operation) => {
      const { cardholderId, local } = updateRequest.parse(operation.request);
      await tx.cardholder.update({ where: { id: cardholderId }, data: localData(local) });
    },
    revive: (json) => json as SparadosUser | null,
    describe: (_user, operation) => `Sparados user ${updateRequest.parse(operation.request).userId} update confirmed.`,
  } satisfies OperationHandler<SparadosUser | null>,
  'user.delete': {
    send: async (request, key, context) => {
      await getSparadosClient().deleteUser(deleteRequest.parse(request).userId, { idempotencyKey: key, deadlineAt: context.deadlineAt });
      return null;
    },
    apply: async (_none, tx, operation) => {
      const { cardholderId } = deleteRequest.parse(operation.request);
      await tx.cardholder.update({ where: { id: cardholderId }, data: { deletedAt: new Date() } });
    },
    describe: (_none, operation) => `Sparados user ${deleteRequest.parse(operation.request).userId} deletion confirmed.`,
  } satisfies OperationHandler<null>,
} as const;

export type CardholderOperationKind = keyof typeof CARDHOLDER_OPERATIONS;

type RequestOf<K extends CardholderOperationKind> = K extends 'user.create' ? CreateUserRequest : K extends 'user.update' ? UpdateUserRequest : DeleteUserRequest;
type ResultOf<K extends CardholderOperationKind> = K extends 'user.create' ? { id: string } : K extends 'user.update' ? SparadosUser | null : null;

/** One Full API user write through performWrite, with the same handler the reconciler uses. */
export async function runCardholderOperation<K extends CardholderOperationKind>(
  kind: K,
  intent: { idempotencyKey: string; request: RequestOf<K>; actorId?: string | null },
): Promise<WriteOutcome<ResultOf<K>>> {
  const handler = CARDHOLDER_OPERATIONS[kind] as unknown as OperationHandler<ResultOf<K>>;
  return performWrite<ResultOf<K>>(
    { kind, idempotencyKey: intent.idempotencyKey, request: intent.request, actorId: intent.actorId ?? null },
    (key, context) => handler.send(intent.request, key, context),
    async (result, tx: Prisma.TransactionClient) => {
      await handler.apply(result, tx, {
        id: '',
        kind,
        idempotencyKey: intent.idempotencyKey,
        cardId: null,
        approvalSparadosId: null,
        request: intent.request,
        actorId: intent.actorId ?? null,
        createdAt: new Date(),
      });
    },
    handler.revive ? { revive: handler.revive } : {},
  );
}
