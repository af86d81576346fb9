import 'server-only';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { requestIp } from '@/lib/auth/request-ip';
import { getSessionState } from '@/lib/auth/session';
import { actionUser } from '@/lib/auth/session-check';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { ActionResult } from './result';
import { runAction, type ActionDefinition, type ActionRuntime, type AnyActionDefinition, type PublicActionDefinition } from './run-action';

/** The input a client may pass: the schema's input shape, or the FormData of a form post. */
export type ActionInput<S extends z.ZodType> = z.input<S> | FormData;

export type ServerAction<S extends z.ZodType, T> = ((input: ActionInput<S>) => Promise<ActionResult<T>>) & {
  /** The definition, for tests that run it through runAction with a chosen session. */
  readonly definition: AnyActionDefinition<S, T>;
};

function nextRuntime(session: AnyActionDefinition<z.ZodType, unknown>['session']): ActionRuntime {
  return {
    db,
    getUser: async () => actionUser(await getSessionState(), session),
    getIp: async () => requestIp(await headers()),
    revalidatePath: (path) => revalidatePath(path),
    rethrow: unstable_rethrow,
    actionsPerMinute: getEnv().ACTIONS_PER_MINUTE,
  };
}

function bind<S extends z.ZodType, T>(definition: AnyActionDefinition<S, T>): ServerAction<S, T> {
  const action = async (input: ActionInput<S>) => runAction(definition, input, nextRuntime(definition.session));
  return Object.assign(action, { definition });
}

/**
 * The one way to write a server action: zod parse, session, permission (refusals are audited),
 * the mutation, its audit entries, revalidation, and a typed result. Export the returned function
 * from a 'use server' module.
 */
export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): ServerAction<S, T> {
  return bind(definition);
}

export function definePublicAction<S extends z.ZodType, T>(definition: Omit<PublicActionDefinition<S, T>, 'permission'>): ServerAction<S, T> {
  return bind({ ...definition, permission: 'public' });
}
