import 'server-only';
import type { z } from 'zod';
import { actionAttempt } from '@/lib/audit/action-labels';
import { recordAudit } from '@/lib/audit/record';
import type { AuditActor, AuditDraft } from '@/lib/audit/types';
import { can, minimumRole, roleAtLeast, ROLE_LABELS, type Permission, type Role } from '@/lib/auth/permissions';
import type { SessionAllowance } from '@/lib/auth/session-check';
import type { SessionUser } from '@/lib/auth/session-user';
import { isAppError } from '@/lib/errors';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { fieldErrorsFromZod, normalizeInput } from './input';
import { takeActionSlot } from './rate-limit';
import { failure, success, type ActionResult } from './result';

// The core of the one action wrapper, free of Next.js: everything it needs from the request
// (session, client address, cache invalidation) comes in through ActionRuntime, so integration
// tests run the exact production pipeline with a session they choose. define-action.ts binds it
// to Next. See docs/decisions/053-action-wrapper.md.

/** An audit entry an action returns; `actor` overrides the signed-in user (public actions). */
export type ActionAuditDraft = AuditDraft & { actor?: AuditActor | null };

export interface ActionRuntime {
  db: PrismaClient;
  getUser(): Promise<SessionUser | null>;
  getIp(): Promise<string | null>;
  revalidatePath?(path: string): void;
  /** Lets framework control flow (redirect, notFound) pass through untouched. */
  rethrow?(error: unknown): void;
  logError?(message: string, details: Record<string, unknown>): void;
  now?(): Date;
  /** Actions one user may run per minute (ACTIONS_PER_MINUTE); unset: no limit (tests that do not test it). */
  actionsPerMinute?: number;
}

export interface ActionContext<U extends SessionUser | null = SessionUser> {
  user: U;
  ip: string | null;
  /** The client, or the open transaction when the action asked for one. */
  db: Prisma.TransactionClient;
  now: Date;
}

type TransactionOption = boolean | { isolationLevel: Prisma.TransactionIsolationLevel };

interface DefinitionBase<S extends z.ZodType, T, U extends SessionUser | null> {
  /** Dotted name, e.g. "users.invite": the audit action and the log label. */
  name: string;
  schema: S;
  run(input: z.output<S>, ctx: ActionContext<U>): Promise<T>;
  /** The audit entries of a successful run; written in the action's transaction when it has one. */
  audit?(input: z.output<S>, data: T, ctx: ActionContext<U>): ActionAuditDraft | ActionAuditDraft[] | null | undefined;
  revalidate?: string[] | ((input: z.output<S>, data: T) => string[]);
  /** Run and audit in one database transaction (for actions that only change the database). */
  transaction?: TransactionOption;
  /** False for reads a page repeats by itself (polls, type-ahead): they do not count against the per-user limit. */
  rateLimited?: boolean;
  /**
   * Which sessions may run it besides a complete one (docs/decisions/109): `two-factor-pending` (a session
   * that still has to enter its code: the code page) or `two-factor-setup` (a user whose role requires a
   * second factor they have not set up: their account page). The runtime's getUser honours it.
   */
  session?: SessionAllowance;
  /**
   * A role an Admin setting requires beyond the permission's own (e.g. who may see card details);
   * refused and audited exactly like a missing permission, before the input is read.
   */
  requiredRole?(db: PrismaClient): Promise<Role>;
}

export interface ActionDefinition<S extends z.ZodType, T> extends DefinitionBase<S, T, SessionUser> {
  permission: Permission;
}

/** Reachable without a session (accepting an invitation); everything else still applies. */
export interface PublicActionDefinition<S extends z.ZodType, T> extends DefinitionBase<S, T, SessionUser | null> {
  permission: 'public';
}

export type AnyActionDefinition<S extends z.ZodType, T> = ActionDefinition<S, T> | PublicActionDefinition<S, T>;

/**
 * Declares an action's definition in a plain module, so code outside Next (scripts, the demo seed)
 * can run the exact definition through runAction; the 'use server' module binds it with defineAction.
 */
export function actionDefinition<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): ActionDefinition<S, T> {
  return definition;
}

function defaultLog(message: string, details: Record<string, unknown>): void {
  console.error(JSON.stringify({ level: 'error', message, ...details }));
}

function describeError(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.name, detail: error.message, stack: error.stack } : { error: String(error) };
}

const CONFLICT_MARKERS = new Set(['P2034', 'TransactionWriteConflict', '40001', '40P01']);

/**
 * Two writers raced (serialization failure or deadlock). Prisma reports it as P2034 from a query,
 * but a failed COMMIT surfaces as the driver adapter's error with the kind in `cause`.
 */
export function isWriteConflict(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, kind, originalCode, cause } = current as Record<string, unknown>;
    if ([code, kind, originalCode].some((value) => typeof value === 'string' && CONFLICT_MARKERS.has(value))) return true;
    current = cause;
  }
  return false;
}

function actorOf(user: SessionUser | null): AuditActor | null {
  return user ? { id: user.id, email: user.email, name: user.name } : null;
}

async function writeAudits(
  db: Prisma.TransactionClient,
  drafts: ActionAuditDraft | ActionAuditDraft[] | null | undefined,
  user: SessionUser | null,
  ip: string | null,
  at: Date,
): Promise<void> {
  const list = drafts ? (Array.isArray(drafts) ? drafts : [drafts]) : [];
  for (const { actor, ...draft } of list) {
    await recordAudit(db, draft, { actor: actor === undefined ? actorOf(user) : actor, ip, at });
  }
}

export async function runAction<S extends z.ZodType, T>(
  definition: AnyActionDefinition<S, T>,
  rawInput: unknown,
  runtime: ActionRuntime,
): Promise<ActionResult<T>> {
  const log = runtime.logError ?? defaultLog;
  const now = runtime.now?.() ?? new Date();
  // Loose internally; the two definition kinds keep `ctx.user` precise for action authors.
  const def = definition as DefinitionBase<S, T, SessionUser | null> & { permission: Permission | 'public' };

  try {
    const ip = await runtime.getIp();
    const user = await runtime.getUser();

    // Who and whether before what: callers without the right learn nothing about the input shape.
    if (def.permission !== 'public') {
      if (!user) return failure('UNAUTHENTICATED');
      const needed = can(user.role, def.permission) ? await def.requiredRole?.(runtime.db) : minimumRole(def.permission);
      if (needed && !roleAtLeast(user.role, needed)) {
        try {
          await recordAudit(
            runtime.db,
            {
              action: 'access.denied',
              summary: `${user.name} (${ROLE_LABELS[user.role]}) tried to ${actionAttempt(def.name)} and was refused: that needs the ${ROLE_LABELS[needed]} role or higher.`,
              targetType: 'action',
              targetId: def.name,
            },
            { actor: actorOf(user), ip, at: now },
          );
        } catch (error) {
          log('could not record a refused action', { action: def.name, ...describeError(error) });
        }
        return failure('FORBIDDEN', `Your role (${ROLE_LABELS[user.role]}) cannot do this; it needs ${ROLE_LABELS[needed]}.`);
      }
    }

    if (user && def.rateLimited !== false && runtime.actionsPerMinute !== undefined && !(await takeActionSlot(runtime.db, user.id, runtime.actionsPerMinute, now))) {
      return failure('RATE_LIMITED', 'Too many actions in one minute. Wait a moment and try again; nothing was done.');
    }

    const parsed = await def.schema.safeParseAsync(normalizeInput(rawInput));
    if (!parsed.success) return failure('VALIDATION', undefined, fieldErrorsFromZod(parsed.error));
    const input = parsed.data;

    let data: T;
    if (def.transaction) {
      const options = typeof def.transaction === 'object' ? def.transaction : undefined;
      data = await runtime.db.$transaction(async (tx) => {
        const ctx: ActionContext<SessionUser | null> = { user, ip, db: tx, now };
        const result = await def.run(input, ctx);
        await writeAudits(tx, def.audit?.(input, result, ctx), user, ip, now);
        return result;
      }, options);
    } else {
      const ctx: ActionContext<SessionUser | null> = { user, ip, db: runtime.db, now };
      data = await def.run(input, ctx);
      try {
        await writeAudits(runtime.db, def.audit?.(input, data, ctx), user, ip, now);
      } catch (error) {
        // The change already happened (possibly at Sparados): report success, shout in the log.
        log('audit write failed after a completed action', { action: def.name, ...describeError(error) });
      }
    }

    const paths = typeof def.revalidate === 'function' ? def.revalidate(input, data) : (def.revalidate ?? []);
    for (const path of paths) runtime.revalidatePath?.(path);
    return success(data);
  } catch (error) {
    runtime.rethrow?.(error);
    if (isAppError(error)) return failure(error.code, error.message, error.fieldErrors);
    if (isWriteConflict(error)) return failure('CONFLICT');
    log('action failed unexpectedly', { action: def.name, ...describeError(error) });
    return failure('INTERNAL');
  }
}
