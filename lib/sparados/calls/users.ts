import 'server-only';
import type { CallOptions, SparadosTransport } from '../call';
import { toUser, type SparadosUser } from '../domain/user';
import { isSparadosError } from '../errors';
import {
  createUserInputSchema,
  createdUserWireSchema,
  updateUserInputSchema,
  userWireSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from '../schemas/users';
import { validateInput } from '../validate-input';

const parseUser = (json: unknown): SparadosUser => toUser(userWireSchema.parse(json));

export function userCalls(t: SparadosTransport) {
  async function getUser(userId: string, options?: CallOptions): Promise<SparadosUser> {
    return t.read({ endpoint: 'getUser', params: { userId } }, parseUser, options);
  }

  /**
   * Full API: creates an end user and returns the new id. There is no way to look a user up by
   * e-mail, so an unknown outcome is settled by the idempotency key alone (resent with the same key).
   */
  async function createUser(input: CreateUserInput, options?: CallOptions): Promise<{ id: string }> {
    const body = validateInput(createUserInputSchema, input, 'createUser');
    return t.write({ endpoint: 'createUser', body }, (json) => ({ id: createdUserWireSchema.parse(json).id }), null, options);
  }

  /** PATCH sets values, so sending it again after an unknown outcome is harmless. */
  async function updateUser(userId: string, patch: UpdateUserInput, options?: CallOptions): Promise<SparadosUser | null> {
    const body = validateInput(updateUserInputSchema, patch, 'updateUser');
    return t.write(
      { endpoint: 'updateUser', params: { userId }, body },
      (json) => (json === null ? null : parseUser(json)),
      null,
      options,
    );
  }

  async function deleteUser(userId: string, options?: CallOptions): Promise<void> {
    return t.write({ endpoint: 'deleteUser', params: { userId } }, () => undefined, {
      prepare: async () => undefined,
      check: async (_none, context) => {
        try {
          await getUser(userId, context);
          return { applied: false };
        } catch (error) {
          if (isSparadosError(error) && error.status === 404) return { applied: true, result: undefined };
          throw error;
        }
      },
    }, options);
  }

  return { createUser, getUser, updateUser, deleteUser };
}
