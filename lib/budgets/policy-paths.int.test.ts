import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { acceptChangeRequest, changeBudget, editCard } from '@/lib/approvals/actions';
import { assignCardAction } from '@/lib/approvals/assign-actions';
import { rulesValuesFromApproval } from '@/lib/approvals/edit-values';
import { saveApprovalFromSparados } from '@/lib/approvals/store';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { Role } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { uploadBulkCsv } from '@/lib/bulk/actions';
import { bulkRowKey, processBulkImport } from '@/lib/bulk/process';
import { getBulkImport } from '@/lib/bulk/queries';
import { settleCheckingRows } from '@/lib/bulk/settle';
import { markConfirmed } from '@/lib/bulk/store';
import { db } from '@/lib/db';
import { editAndAcceptRequest } from '@/lib/requests/actions';
import { getSparadosClient } from '@/lib/sparados';
import { createTestUser } from '@/tests/support/users';
import { approveBudgetChange, changeBudgets } from './actions';
import { DEFAULT_BUDGET_POLICY, type PolicyRole } from './policy';
import { deliveredCard, runtimeFor, type TestCard } from './test-support';

// The budget policy on every path that raises what a card may spend (docs/decisions/105), through the
// real action wrapper, database and sandbox: for each path and each role, a raise exactly at the role's
// limit is applied at once; one minor unit more is held, reaches Sparados not at all, cannot be approved
// by the person who asked, and is applied once when a different person approves it.

let sandbox: SandboxHarness;
let currency: string;
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  sandbox = await sandboxHarness();
  currency = (await sandbox.control.corporation()).currency;
});
afterAll(async () => {
  await sandbox.close();
});

const ROLES: PolicyRole[] = ['OPERATOR', 'APPROVER', 'ADMIN'];
/** Who approves a change each role asked for: a different person with the right to decide. */
const SECOND: Record<PolicyRole, Role> = { OPERATOR: 'APPROVER', APPROVER: 'ADMIN', ADMIN: 'ADMIN' };
const money = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;

/** What one run of a path did. */
interface Outcome {
  /** The held change, or null when it was applied at once. */
  changeId: string | null;
  /** Why it was held, as the requester is told. */
  reason: string | null;
  /** The budget at Sparados now; null: no approval exists (an assignment not made). */
  budget(): Promise<number | null>;
}

interface PathCase {
  name: string;
  /** Which limit judges this path's raise. */
  limit: 'perChangeMinor' | 'newCardMinor';
  /** False: the role may not use this path at all (the action wrapper refuses it). */
  allowed(role: Role): boolean;
  /** Budget before the raise (0 for a new card). */
  run(user: SessionUser, raise: bigint): Promise<Outcome & { before: number }>;
}

const upstreamBudget = async (approvalId: string) => (await getSparadosClient().getApproval(approvalId)).budgetMinor;
/** The budget of whatever approval the card follows now at Sparados. */
async function cardBudget(cardId: string): Promise<number> {
  const row = await db.card.findUniqueOrThrow({ where: { id: cardId }, include: { currentApproval: true } });
  return upstreamBudget(row.currentApproval!.sparadosId);
}

async function approvalsFor(email: string): Promise<number[]> {
  const found: number[] = [];
  for await (const approval of getSparadosClient().iterateApprovals({ size: 500 })) if (approval.user.email === email) found.push(approval.budgetMinor);
  return found;
}

function ok<T>(result: { ok: true; data: T } | { ok: false; message: string; code: string }): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
}

function assignForm(email: string, budget: bigint) {
  return {
    idempotencyKey: randomUUID(),
    cardholder: { kind: 'new' as const, fullApi: false, email, phonePrefix: '48', phoneNumber: `6${String(Date.now()).slice(-8)}`, firstName: 'Pola', lastName: 'Policy' },
    cardAliasId: sandbox.cardAliasId,
    currency,
    budget: money(budget),
    startDate: `${year}-01-01`,
    endDate: `${year}-06-30`,
    timezone: 'Europe/Warsaw',
    limits: {
      general: { mode: 'default' as const, amount: '', period: 'monthly' as const },
      ecommerce: { mode: 'default' as const, amount: '', period: 'monthly' as const },
      atm: { mode: 'disabled' as const, amount: '', period: 'monthly' as const },
      foreign: { mode: 'default' as const, amount: '', period: 'monthly' as const },
    },
    mcc: { mode: 'none' as const, categories: [], codes: '' },
    description: 'Policy test',
    tags: [],
  };
}

const HEADER = 'operation,approvalId,email,phonePrefix,phoneNumber,totalAmount,startDate,endDate,timezone,limitGeneral,limitEcommerce,limitAtm,limitForeign,mccAllow,mccBlock,description,visualId,tags';

/** Uploads a one-row CSV as `user` and runs the import; the row's outcome and its held change, if any. */
async function importRow(user: SessionUser, line: string): Promise<{ status: string; changeId: string | null; message: string | null; importId: string }> {
  const upload = ok(await runAction(uploadBulkCsv.definition, { file: new File([`${HEADER}\n${line}`], `policy-${randomUUID().slice(0, 6)}.csv`, { type: 'text/csv' }), cardAliasId: sandbox.cardAliasId }, runtimeFor(user)));
  expect(upload.invalidRows).toBe(0);
  await markConfirmed(upload.id, new Date());
  await processBulkImport(upload.id, { concurrency: 1 });
  const bulk = await getBulkImport(upload.id);
  const row = bulk!.rows[0]!;
  const key = bulkRowKey(bulk!.fileHash, row.rowNumber, row.operation === 'edit' ? 'edit' : 'assign');
  const change = await db.budgetChangeRequest.findUnique({ where: { requestKey: key } });
  return { status: row.status, changeId: change?.id ?? null, message: row.errorMessage, importId: upload.id };
}

/** A delivered card whose holder asked for `requestedMinor` (a CREATED reapproval the panel knows). */
async function requested(requestedMinor: number): Promise<{ card: TestCard; requestId: string }> {
  const card = await deliveredCard(sandbox);
  const request = await sandbox.control.changeRequest(card.approvalId, { budgetMinor: requestedMinor });
  await saveApprovalFromSparados(await getSparadosClient().getApproval(request.id), { cardId: card.cardId });
  return { card, requestId: request.id };
}

const decides = (role: Role) => role !== 'OPERATOR' && role !== 'VIEWER';
const assigns = (role: Role) => role !== 'VIEWER';

const PATHS: PathCase[] = [
  {
    name: 'assign (form)',
    limit: 'newCardMinor',
    allowed: assigns,
    async run(user, raise) {
      const email = `policy-${randomUUID().slice(0, 8)}@int.test`;
      const data = ok(await runAction(assignCardAction.definition, assignForm(email, raise), runtimeFor(user)));
      return { before: 0, changeId: data.held?.changeId ?? null, reason: data.held?.reason ?? null, budget: async () => (await approvalsFor(email))[0] ?? null };
    },
  },
  {
    name: 'assign (bulk CSV)',
    limit: 'newCardMinor',
    allowed: assigns,
    async run(user, raise) {
      const email = `policy-bulk-${randomUUID().slice(0, 8)}@int.test`;
      const row = await importRow(user, `assign,,${email},48,600200300,${money(raise)},${year}-02-01,${year}-02-28,,,,disabled,,,,Policy bulk,,`);
      return { before: 0, changeId: row.status === 'WAITING' ? row.changeId : null, reason: row.status === 'WAITING' ? row.message : null, budget: async () => (await approvalsFor(email))[0] ?? null };
    },
  },
  {
    name: 'edit rules (bulk CSV)',
    limit: 'perChangeMinor',
    allowed: assigns,
    async run(user, raise) {
      const card = await deliveredCard(sandbox);
      const before = await upstreamBudget(card.approvalId);
      const row = await importRow(user, `edit,${card.approvalId},,,,${money(BigInt(before) + raise)},,,,,,,,,,,,`);
      return { before, changeId: row.status === 'WAITING' ? row.changeId : null, reason: row.status === 'WAITING' ? row.message : null, budget: () => cardBudget(card.cardId) };
    },
  },
  {
    name: 'edit rules (card page)',
    limit: 'perChangeMinor',
    allowed: assigns,
    async run(user, raise) {
      const card = await deliveredCard(sandbox);
      const current = await getSparadosClient().getApproval(card.approvalId);
      const values = rulesValuesFromApproval(current, currency, 'Europe/Warsaw');
      const input = { ...values, cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: randomUUID(), budget: money(BigInt(current.budgetMinor) + raise) };
      const data = ok(await runAction(editCard.definition, input, runtimeFor(user)));
      return { before: current.budgetMinor, changeId: data.held?.changeId ?? null, reason: data.held?.reason ?? null, budget: () => cardBudget(card.cardId) };
    },
  },
  {
    name: 'top-up (card page)',
    limit: 'perChangeMinor',
    allowed: assigns,
    async run(user, raise) {
      const card = await deliveredCard(sandbox);
      const before = await upstreamBudget(card.approvalId);
      const data = ok(await runAction(changeBudget.definition, { cardId: card.cardId, approvalId: card.approvalId, idempotencyKey: randomUUID(), mode: 'increase', amount: money(raise), currency }, runtimeFor(user)));
      return { before, changeId: data.held?.changeId ?? null, reason: data.held?.reason ?? null, budget: () => cardBudget(card.cardId) };
    },
  },
  {
    name: 'top-up (bulk page)',
    limit: 'perChangeMinor',
    allowed: assigns,
    async run(user, raise) {
      const card = await deliveredCard(sandbox);
      const before = await upstreamBudget(card.approvalId);
      const data = ok(await runAction(changeBudgets.definition, { idempotencyKey: randomUUID(), mode: 'increase', amount: money(raise), currency, cards: [{ cardId: card.cardId, approvalId: card.approvalId }] }, runtimeFor(user)));
      const held = data.rows[0]!.result?.held ?? null;
      return { before, changeId: held?.changeId ?? null, reason: held?.reason ?? null, budget: () => cardBudget(card.cardId) };
    },
  },
  {
    name: 'accept a change request',
    limit: 'perChangeMinor',
    allowed: decides,
    async run(user, raise) {
      const { card, requestId } = await requested(50_000 + Number(raise));
      const result = await runAction(acceptChangeRequest.definition, { cardId: card.cardId, approvalId: requestId, idempotencyKey: randomUUID() }, runtimeFor(user));
      if (!result.ok) return { before: 50_000, changeId: null, reason: `refused: ${result.code}`, budget: () => cardBudget(card.cardId) };
      return { before: 50_000, changeId: result.data.held?.changeId ?? null, reason: result.data.held?.reason ?? null, budget: () => cardBudget(card.cardId) };
    },
  },
  {
    name: 'edit and accept a change request',
    limit: 'perChangeMinor',
    allowed: decides,
    async run(user, raise) {
      const { card, requestId } = await requested(50_001);
      const current = await getSparadosClient().getApproval(requestId);
      const endDate = current.validity.endDate.toISOString().slice(0, 10);
      const result = await runAction(
        editAndAcceptRequest.definition,
        { cardId: card.cardId, approvalId: requestId, idempotencyKey: randomUUID(), currency, budget: money(50_000n + raise), endDate },
        runtimeFor(user),
      );
      if (!result.ok) return { before: 50_000, changeId: null, reason: `refused: ${result.code}`, budget: () => cardBudget(card.cardId) };
      return { before: 50_000, changeId: result.data.held?.changeId ?? null, reason: result.data.held?.reason ?? null, budget: () => cardBudget(card.cardId) };
    },
  },
];

describe.each(PATHS)('the budget policy on "$name"', (path) => {
  it.each(ROLES)('as %s: at the limit it applies at once; above it, it waits for a different person and then applies once', async (role) => {
    const user = await createTestUser(role);
    const limit = BigInt(DEFAULT_BUDGET_POLICY[role][path.limit]);

    if (!path.allowed(role)) {
      const refused = await path.run(user, 1n);
      expect(refused.reason).toBe('refused: FORBIDDEN');
      expect(await refused.budget()).toBe(refused.before);
      return;
    }

    const under = await path.run(user, limit);
    expect(under.changeId, `${path.name} as ${role} at the limit`).toBeNull();
    expect(await under.budget()).toBe(under.before + Number(limit));

    const over = await path.run(user, limit + 1n);
    expect(over.changeId, `${path.name} as ${role} above the limit`).not.toBeNull();
    expect(over.reason).toMatch(/above the .* limit of/);
    // Nothing reached Sparados.
    expect(await over.budget()).toBe(path.limit === 'newCardMinor' ? null : over.before);
    const changeId = over.changeId!;

    const own = await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(user));
    if (role === 'OPERATOR') expect(own).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    else expect(own).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/someone else must approve it/) });
    expect(await over.budget()).toBe(path.limit === 'newCardMinor' ? null : over.before);

    const second = await createTestUser(SECOND[role]);
    const approved = await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(second));
    expect(approved).toMatchObject({ ok: true, data: { outcome: 'applied' } });
    expect(await over.budget()).toBe(over.before + Number(limit + 1n));
    // Approving again sends nothing more.
    expect(await runAction(approveBudgetChange.definition, { changeId }, runtimeFor(second))).toMatchObject({ ok: true, data: { replayed: true } });
    expect(await over.budget()).toBe(over.before + Number(limit + 1n));

    const entry = await db.auditEvent.findFirstOrThrow({ where: { action: 'budgets.change_approved', after: { path: ['changeId'], equals: changeId } } });
    expect(entry.summary).toContain(`${second.name} approved ${user.name}'s request to`);
    expect(entry.after).toMatchObject({ requestedBy: { id: user.id, name: user.name }, decidedBy: { id: second.id, name: second.name } });
  });
});

describe('held bulk rows settle from their decision', () => {
  it('a held CSV row becomes done once approved, and failed once declined', async () => {
    const operator = await createTestUser('OPERATOR');
    const approver = await createTestUser('APPROVER');
    const over = money(BigInt(DEFAULT_BUDGET_POLICY.OPERATOR.newCardMinor) + 1n);
    const a = await importRow(operator, `assign,,held-a-${randomUUID().slice(0, 6)}@int.test,48,600200301,${over},${year}-02-01,${year}-02-28,,,,disabled,,,,Held A,,`);
    const b = await importRow(operator, `assign,,held-b-${randomUUID().slice(0, 6)}@int.test,48,600200302,${over},${year}-02-01,${year}-02-28,,,,disabled,,,,Held B,,`);
    expect([a.status, b.status]).toEqual(['WAITING', 'WAITING']);
    expect(a.message).toMatch(/^Waits for a second approver: above the operator limit of .* for a new card's budget\.$/);
    expect(await runAction(approveBudgetChange.definition, { changeId: a.changeId! }, runtimeFor(approver))).toMatchObject({ ok: true });
    const { declineBudgetChange } = await import('./actions');
    expect(await runAction(declineBudgetChange.definition, { changeId: b.changeId!, reason: 'Too much for a first card' }, runtimeFor(approver))).toMatchObject({ ok: true });
    await settleCheckingRows();
    const rowA = (await getBulkImport(a.importId))!.rows[0]!;
    const rowB = (await getBulkImport(b.importId))!.rows[0]!;
    expect(rowA).toMatchObject({ status: 'SUCCEEDED', cardId: expect.any(String), approvalId: expect.any(String) });
    expect(rowB).toMatchObject({ status: 'FAILED', errorMessage: `Declined by ${approver.name}: Too much for a first card` });
  });
});
