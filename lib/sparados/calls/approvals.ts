import 'server-only';
import type { CallOptions, SparadosTransport, VerifyContext } from '../call';
import { toApproval, type Approval } from '../domain/approval';
import { toPage, type Page } from '../domain/page';
import {
  approvalPageWireSchema,
  approvalWireSchema,
  createApprovalInputSchema,
  createdApprovalWireSchema,
  editApprovalInputSchema,
  increaseBudgetInputSchema,
  listApprovalsQuerySchema,
  type ApprovalStatus,
  type CreateApprovalInput,
  type EditApprovalInput,
  type ListApprovalsQuery,
} from '../schemas/approvals';
import { SparadosError } from '../errors';
import { validateInput } from '../validate-input';
import { waitForCard, type WaitForCardOptions } from '../wait-for-card';
import {
  actionOutcome,
  budgetOutcome,
  createOutcome,
  CREATE_SCAN_STATUSES,
  matchesCreateRequest,
  matchesRequest,
  type ApprovalAction,
  type ScanResult,
} from '../write-verification';

const parseApproval = (json: unknown): Approval => toApproval(approvalWireSchema.parse(json));
const parseCreatedId = (json: unknown): string => createdApprovalWireSchema.parse(json).approvalId;
const parseApprovalPage = (json: unknown): Page<Approval> => toPage(approvalPageWireSchema.parse(json), toApproval);

/** How far a verification read scans an approval list: pages of pageSize, at most maxPages per list. */
export interface VerificationScan {
  pageSize: number;
  maxPages: number;
}

export const DEFAULT_VERIFICATION_SCAN: VerificationScan = { pageSize: 100, maxPages: 20 };

export function approvalCalls(t: SparadosTransport, scan: VerificationScan = DEFAULT_VERIFICATION_SCAN) {
  // Not async: an async wrapper around a returned promise costs extra ticks on the hottest read.
  function getApproval(id: string, options?: CallOptions): Promise<Approval> {
    return t.read({ endpoint: 'getApproval', params: { id } }, parseApproval, options);
  }

  async function listApprovals(query: ListApprovalsQuery = {}, options?: CallOptions): Promise<Page<Approval>> {
    const valid = validateInput(listApprovalsQuerySchema, query, 'listApprovals');
    return t.read({ endpoint: 'listApprovals', query: valid }, parseApprovalPage, options);
  }

  /** Every approval matching `query`, page after page. */
  async function* iterateApprovals(query: Omit<ListApprovalsQuery, 'page'> = {}, options?: CallOptions & { maxPages?: number }): AsyncGenerator<Approval> {
    const maxPages = options?.maxPages ?? Number.POSITIVE_INFINITY;
    for (let page = 0; page < maxPages; page++) {
      const result = await listApprovals({ ...query, page, size: query.size ?? scan.pageSize }, options);
      yield* result.items;
      if (result.items.length === 0 || page + 1 >= result.totalPages) return;
    }
  }

  /**
   * The approvals matching `predicate` in the lists of `statuses` (undefined = the unfiltered list),
   * scanned one after another up to the scan limit each. An approval seen twice (pages shift while
   * new ones are created) counts once.
   */
  async function scanApprovals(
    predicate: (a: Approval) => boolean,
    statuses: readonly (ApprovalStatus | undefined)[],
    context: VerifyContext,
  ): Promise<ScanResult> {
    const found = new Map<string, Approval>();
    let complete = true;
    let scanned = 0;
    for (const status of statuses) {
      for (let page = 0; ; page++) {
        if (page >= scan.maxPages) {
          complete = false;
          break;
        }
        const result = await listApprovals({ ...(status ? { status } : {}), page, size: scan.pageSize }, context);
        scanned += result.items.length;
        for (const approval of result.items) if (predicate(approval)) found.set(approval.id, approval);
        if (result.items.length === 0 || page + 1 >= result.totalPages) break;
      }
    }
    return { found: [...found.values()], complete, scanned };
  }

  /**
   * Seed 001: the create "returns approvalId"; nothing else of its answer is counted on. The approval
   * is then read back by id. `firstAttemptAt`: when a replayed create was first sent (the verification
   * scan looks from then on).
   */
  async function createApproval(input: CreateApprovalInput, options?: CallOptions & { firstAttemptAt?: Date }): Promise<Approval> {
    const body = validateInput(createApprovalInputSchema, input, 'createApproval');
    const approvalId = await t.write({ endpoint: 'createApproval', body }, parseCreatedId, {
      prepare: async () => options?.firstAttemptAt ?? new Date(),
      // No id to read back: look for an approval with exactly this request's content made since, in
      // the lists of the states a new approval can be in (never assuming which order a list is in).
      check: async (firstAttemptAt, context) => {
        const outcome = createOutcome(await scanApprovals((a) => matchesCreateRequest(a, body, firstAttemptAt), CREATE_SCAN_STATUSES, context));
        return outcome.applied === true ? { applied: true, result: outcome.result.id } : outcome;
      },
    }, options);
    try {
      return await getApproval(approvalId, { signal: options?.signal, deadlineAt: options?.deadlineAt, timeoutMs: options?.timeoutMs });
    } catch (error) {
      // Created, but not read back: not a failure. Whoever replays the create finds it by its content.
      throw new SparadosError({
        kind: 'outcome_unknown',
        endpoint: 'createApproval',
        message: `createApproval: approval ${approvalId} was created but could not be read back (${error instanceof Error ? error.message : String(error)})`,
        cause: error,
      });
    }
  }

  /**
   * Edits rules, card and tags. On a DELIVERED approval Sparados creates a reapproval with a new id,
   * which is returned (and must be stored); on a CREATED reapproval the edit is made in place.
   */
  /** `statusBefore`: the approval's status when the edit was first sent (a replay cannot read it any more). */
  async function editApproval(id: string, input: EditApprovalInput, options?: CallOptions & { statusBefore?: ApprovalStatus }): Promise<Approval> {
    const body = validateInput(editApprovalInputSchema, input, 'editApproval');
    return t.write({ endpoint: 'editApproval', params: { id }, body }, parseApproval, {
      prepare: async (context) => options?.statusBefore ?? (await getApproval(id, context)).status,
      check: async (statusBefore, context) => {
        const current = await getApproval(id, context);
        if (statusBefore === 'DELIVERED') {
          if (current.status === 'DELIVERED') return { applied: false };
          if (current.status !== 'REAPPROVED') return { applied: 'unknown', reason: `approval ${id} is ${current.status}` };
          const children = (await scanApprovals((a) => a.parentId === id && matchesRequest(a, body), [undefined], context)).found;
          return children.length === 1
            ? { applied: true, result: children[0] }
            : { applied: 'unknown', reason: `approval ${id} was reapproved but ${children.length} matching reapprovals were found` };
        }
        // In-place edits set values: sending again is harmless, so only a visible match ends the loop.
        return matchesRequest(current, body) ? { applied: true, result: current } : { applied: false };
      },
    }, options);
  }

  /**
   * `budgetBeforeMinor`: the budget the change was planned on. Given, it is what "applied or not" is
   * judged against (a replay must not take today's budget, which may already include this change).
   */
  async function increaseBudget(id: string, additionalBudgetMinor: number, options?: CallOptions & { budgetBeforeMinor?: number }): Promise<Approval> {
    const body = validateInput(increaseBudgetInputSchema, { additionalBudgetMinor }, 'increaseBudget');
    return t.write({ endpoint: 'increaseBudget', params: { id }, body }, parseApproval, {
      prepare: async (context) => options?.budgetBeforeMinor ?? (await getApproval(id, context)).budgetMinor,
      check: async (budgetBefore, context) => budgetOutcome(budgetBefore, body.additionalBudgetMinor, await getApproval(id, context)),
    }, options);
  }

  function action(endpoint: ApprovalAction) {
    return async (id: string, options?: CallOptions): Promise<Approval> =>
      t.write({ endpoint, params: { id } }, parseApproval, {
        prepare: async () => undefined,
        check: async (_none, context) => actionOutcome(endpoint, await getApproval(id, context)),
      }, options);
  }

  return {
    getApproval,
    listApprovals,
    iterateApprovals,
    createApproval,
    editApproval,
    increaseBudget,
    /** Takes back a card not yet redeemed (ACCEPTED, PREPARED) or a CREATED reapproval. */
    cancelApproval: action('cancelApproval'),
    /** Takes back a redeemed card (DELIVERED). */
    unassignApproval: action('unassignApproval'),
    acceptReapproval: action('acceptReapproval'),
    rejectReapproval: action('rejectReapproval'),
    lockCard: action('lockCard'),
    unlockCard: action('unlockCard'),
    /** Polls until the approval is DELIVERED with a card id (Full API flow). */
    waitForCard: (approvalId: string, options?: WaitForCardOptions) => waitForCard(getApproval, approvalId, options),
  };
}
