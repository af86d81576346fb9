import { generateKeyPairSync } from 'node:crypto';
import { compactDecrypt, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateToPem, createSelfSignedCa, exportPrivateKeyPem, generateRsaKeyPair, issueCertificate } from '@/lib/pki';
import { closeSparadosAgents, createSparadosClient, isSparadosError, SparadosError, type Approval, type SparadosClient } from './index';
import { createSparadosAgent } from './dispatcher';
import { passesLuhn } from './luhn';
import { cardSensitivePayloadSchema } from './schemas/cards';
import { simpleApproval } from './contract/fixtures';
import { sandboxControl, type SandboxControl } from './contract/sandbox-control';
import { contractTarget, need } from './contract/target';

// The contract suite: every client call against the configured Sparados over mTLS. In `npm test`
// the target is the sandbox; `npm run test:contract -- --env beta` runs the same file against BETA,
// where tests that change data or need the sandbox control API are skipped with their reason.

const target = contractTarget();
let client: SparadosClient;
let control: SandboxControl | null = null;
let cardAliasId: string | null;
let balanceId: string | null;

async function expectSparadosError(promise: Promise<unknown>): Promise<SparadosError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isSparadosError(error), `expected a SparadosError, got ${String(error)}`).toBe(true);
  return error as SparadosError;
}

/** A DELIVERED approval with a card (the end user redeems it through the control API). */
async function deliveredApproval(overrides: Parameters<typeof simpleApproval>[1] = {}): Promise<Approval & { cardId: string }> {
  const created = await client.createApproval(simpleApproval(cardAliasId!, overrides));
  await control!.redeem(created.id);
  const delivered = await client.getApproval(created.id);
  expect(delivered.status).toBe('DELIVERED');
  expect(delivered.cardId).not.toBeNull();
  return delivered as Approval & { cardId: string };
}

beforeAll(async () => {
  // The client without the panel's contract guard: this suite tests Sparados, not the Settings row (no database here against BETA).
  client = createSparadosClient();
  if (target.sandboxUrl) {
    control = sandboxControl(target.sandboxUrl, client.transport.dispatcher);
    const corporation = await control.corporation();
    cardAliasId = corporation.balances[0].cardAliasId;
    balanceId = corporation.balances[0].balanceId;
  } else {
    cardAliasId = client.config.cardAliasId;
    balanceId = client.config.balanceId;
  }
});

afterAll(async () => {
  await closeSparadosAgents();
});

describe('balances', () => {
  it('reads the payment account balance', async (context) => {
    context.skip(!balanceId, 'no balance id: set SPARADOS_BALANCE_ID');
    const balance = await client.getBalance(balanceId);
    expect(balance.id).toBe(balanceId);
    expect(balance.currency).toMatch(/^[A-Z]{3}$/);
    expect(Number.isInteger(balance.availableMinor)).toBe(true);
  });
});

describe('approvals: reads', () => {
  it('lists approvals as a page and reads one back by id', async (context) => {
    if (target.can.writes) {
      context.skip(!cardAliasId, 'no Card Alias ID: set SPARADOS_CARD_ALIAS_ID');
      await client.createApproval(simpleApproval(cardAliasId!));
    }
    const page = await client.listApprovals({ size: 5 });
    expect(page.page).toBe(0);
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect(page.totalElements).toBeGreaterThanOrEqual(page.items.length);
    context.skip(page.items.length === 0, 'the corporation has no approvals to read back');
    const first = page.items[0];
    const again = await client.getApproval(first.id);
    expect(again.id).toBe(first.id);
    expect(again.rawStatus).toBe(first.rawStatus);
  });

  it('filters the list by status', async (context) => {
    // Where it may, the test makes its own DELIVERED approval, so the filter has something to return.
    const made = target.can.writes && target.can.control ? await deliveredApproval() : null;
    const page = await client.listApprovals({ status: 'DELIVERED', size: 20 });
    if (made) expect(page.items.map((a) => a.id)).toContain(made.id);
    else context.skip(page.items.length === 0, 'the corporation has no DELIVERED approvals to filter');
    expect(page.items.length).toBeGreaterThan(0);
    for (const approval of page.items) expect(approval.status).toBe('DELIVERED');
  });

  it('answers an unknown id with a typed 404 carrying code, message, request id and raw body', async () => {
    const error = await expectSparadosError(client.getApproval('00000000-0000-4000-8000-000000000000'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.message).not.toBe('');
    expect(error.requestId).toBeTruthy();
    expect(error.rawBody).toBeTruthy();
    expect(error.attempts).toBe(1);
  });
});

describe('approvals: lifecycle', () => {
  it('counts on nothing but the approvalId of the create reply (seed 001) and reads the approval back', async (context) => {
    need(context, target, 'writes');
    // The test services start the sandbox answering `{ approvalId }` only.
    if (control) expect((await control.config()).createReply).toBe('id-only');
    const created = await client.createApproval(simpleApproval(cardAliasId!, { budgetMinor: 12_345 }));
    expect(created).toMatchObject({ status: 'ACCEPTED', budgetMinor: 12_345, cardAliasId });
    expect(created.validity.timezone).toBeTruthy();
    expect(await client.getApproval(created.id)).toEqual(created);
  });

  it('creates an approval (ACCEPTED) and cancels it; a second cancel is a 409', async (context) => {
    need(context, target, 'writes');
    const input = simpleApproval(cardAliasId!);
    const created = await client.createApproval(input);
    expect(created).toMatchObject({ status: 'ACCEPTED', cardId: null, parentId: null, cardAliasId, budgetMinor: 50_000 });
    expect(created.user.email).toBe((input.user as { email: string }).email);
    expect(created.limits).toEqual([{ type: 'atm', rawType: 'atm', amountMinor: 0, timeUnit: 'daily', mccList: [] }]);
    const listed = await client.listApprovals({ status: 'ACCEPTED', size: 100 });
    expect(listed.items.map((a) => a.id)).toContain(created.id);

    const canceled = await client.cancelApproval(created.id);
    expect(canceled.status).toBe('CANCELED');
    const again = await expectSparadosError(client.cancelApproval(created.id));
    expect(again.status).toBe(409);
    expect(again.attempts).toBe(1);
  });

  it('refuses an invalid request with 400 and field errors (end before start)', async (context) => {
    need(context, target, 'writes');
    const input = simpleApproval(cardAliasId!);
    input.rules.validityPeriod.endDate = new Date(Date.now() - 48 * 3_600_000).toISOString();
    const error = await expectSparadosError(client.createApproval(input));
    expect(error.status).toBe(400);
    expect(error.fieldErrors.length).toBeGreaterThan(0);
    expect(error.fieldErrors.map((f) => f.field).join(' ')).toMatch(/endDate/);
  });

  it('refuses a malformed request before sending it', async () => {
    const error = await expectSparadosError(client.createApproval({ balance: { id: 'x' } } as never));
    expect(error).toMatchObject({ kind: 'invalid_request', sent: false });
    expect(error.fieldErrors.map((f) => f.field)).toContain('rules');
  });

  it('locks, unlocks, tops up and takes back a delivered card', async (context) => {
    need(context, target, 'writes', 'control');
    const delivered = await deliveredApproval();
    expect(delivered.cardStatus).toBe('ACTIVE');

    expect((await client.lockCard(delivered.id)).cardStatus).toBe('LOCKED');
    expect((await client.unlockCard(delivered.id)).cardStatus).toBe('ACTIVE');

    const toppedUp = await client.increaseBudget(delivered.id, 2_500);
    expect(toppedUp.budgetMinor).toBe(52_500);
    const lowered = await client.increaseBudget(delivered.id, -500);
    expect(lowered.budgetMinor).toBe(52_000);
    const belowSpent = await expectSparadosError(client.increaseBudget(delivered.id, -60_000));
    expect(belowSpent.status).toBe(422);

    const unassigned = await client.unassignApproval(delivered.id);
    expect(unassigned.status).toBe('FINISHED');
  });

  it('edits a delivered approval into a reapproval with a new id', async (context) => {
    need(context, target, 'writes', 'control');
    const delivered = await deliveredApproval();
    const input = simpleApproval(cardAliasId!, { budgetMinor: 80_000 });
    const reapproval = await client.editApproval(delivered.id, { rules: input.rules, card: { description: 'Edited' } });
    expect(reapproval.id).not.toBe(delivered.id);
    expect(reapproval).toMatchObject({ status: 'DELIVERED', parentId: delivered.id, budgetMinor: 80_000, card: { description: 'Edited' } });
    expect((await client.getApproval(delivered.id)).status).toBe('REAPPROVED');
  });

  it('answers change requests: edit in place, accept, reject, cancel', async (context) => {
    need(context, target, 'writes', 'control');
    const delivered = await deliveredApproval();
    const request = await control!.changeRequest(delivered.id, { budgetMinor: 70_000 });
    expect(request).toMatchObject({ status: 'CREATED', parentId: delivered.id });

    const current = await client.getApproval(request.id);
    const edited = await client.editApproval(request.id, {
      rules: {
        budgetMinor: 65_000,
        validityPeriod: {
          startDate: current.validity.startDate.toISOString(),
          endDate: current.validity.endDate.toISOString(),
          timezone: current.validity.timezone ?? 'Europe/Warsaw',
        },
        limits: [],
        purpose: { ecommerce: true, allowChangeRequest: true },
      },
    });
    expect(edited).toMatchObject({ id: request.id, status: 'CREATED', budgetMinor: 65_000 });

    const accepted = await client.acceptReapproval(request.id);
    expect(accepted).toMatchObject({ id: request.id, status: 'DELIVERED', budgetMinor: 65_000 });
    expect((await client.getApproval(delivered.id)).status).toBe('REAPPROVED');

    const second = await control!.changeRequest(accepted.id, { budgetMinor: 90_000 });
    expect((await client.rejectReapproval(second.id)).status).toBe('REJECTED');
    const third = await control!.changeRequest(accepted.id, { budgetMinor: 95_000 });
    expect((await client.cancelApproval(third.id)).status).toBe('CANCELED');
  });
});

describe('fields the panel relies on that the seeds never define (docs/decisions/115)', () => {
  // Each names what the panel does without it, so a BETA run that fails here says what degrades.
  it('lists approvals as a page (without it, sync only refreshes approvals the panel knows)', async () => {
    const page = await client.listApprovals({ size: 1 });
    expect(page.page).toBe(0);
    expect(Number.isInteger(page.totalElements)).toBe(true);
  });

  it('reports spentMinor and availableBudgetMinor (without them the panel shows "unknown" and cannot set an available amount)', async (context) => {
    const page = await client.listApprovals({ size: 1 });
    context.skip(page.items.length === 0, 'the corporation has no approvals to read');
    const approval = await client.getApproval(page.items[0].id);
    expect(approval.spentMinor).not.toBeNull();
    expect(approval.availableBudgetMinor).not.toBeNull();
  });

  it('reports cardStatus on a delivered approval (without it the panel offers both lock and unlock)', async (context) => {
    need(context, target, 'writes', 'control');
    const delivered = await deliveredApproval();
    expect(delivered.cardStatus).toBe('ACTIVE');
  });

  it("names a change request's parentId (without it the panel links it by the card id)", async (context) => {
    need(context, target, 'writes', 'control');
    const delivered = await deliveredApproval();
    const request = await control!.changeRequest(delivered.id, { budgetMinor: 60_000 });
    const read = await client.getApproval(request.id);
    expect(read.parentId).toBe(delivered.id);
    expect(read.cardId).toBe(delivered.cardId);
  });
});

describe('Full API: users, waitForCard, card data', () => {
  it('creates, reads, updates and deletes a user', async (context) => {
    need(context, target, 'writes');
    const { id } = await client.createUser({
      email: `contract-${Date.now()}@example.com`,
      phoneNumber: '48600100200',
      firstName: 'Jan',
      lastName: 'Kowalski',
      dateOfBirth: '1990-01-01',
      nationality: 'PL',
    });
    expect(id).toMatch(/^\d+$|^[0-9a-f-]{36}$/);
    expect(await client.getUser(id)).toMatchObject({ id, firstName: 'Jan', lastName: 'Kowalski', nationality: 'PL' });
    await client.updateUser(id, { lastName: 'Nowak' });
    expect((await client.getUser(id)).lastName).toBe('Nowak');
    await client.deleteUser(id);
    expect((await expectSparadosError(client.getUser(id))).status).toBe(404);
  });

  it('waits for the card of a Full API approval and fetches its data encrypted to our key', async (context) => {
    need(context, target, 'writes');
    const { id: userId } = await client.createUser({
      email: `full-${Date.now()}@example.com`,
      phoneNumber: '48600100201',
      firstName: 'Ewa',
      lastName: 'Lis',
      dateOfBirth: '1985-05-05',
      nationality: 'PL',
    });
    const input = simpleApproval(cardAliasId!);
    const created = await client.createApproval({ ...input, user: { id: userId } });
    const polls: string[] = [];
    const delivered = await client.waitForCard(created.id, { timeoutMs: 15_000, onPoll: (a) => polls.push(a.status) });
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.cardId).toBeTruthy();
    expect(delivered.user.id).toBe(userId);
    expect(polls.at(-1)).toBe('DELIVERED');

    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const { jwe } = await client.getCardSensitiveData(delivered.cardId, publicKey);
    expect(jwe.split('.')).toHaveLength(5);
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, await importPKCS8(privateKey, 'RSA-OAEP-256'));
    expect(protectedHeader).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    const card = cardSensitivePayloadSchema.parse(JSON.parse(new TextDecoder().decode(plaintext)));
    expect(String(card.id)).toBe(delivered.cardId);
    expect(card.type).toBe('VIRTUAL');
    expect(card.cardNo).toMatch(/^\d{16}$/);
    expect(passesLuhn(card.cardNo)).toBe(true);
    expect(card.cvv).toMatch(/^\d{3}$/);
    expect(card.exp).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reads card data of an existing card (read-only)', async (context) => {
    const delivered = (await client.listApprovals({ status: 'DELIVERED', size: 20 })).items.find((a) => a.cardId);
    context.skip(!delivered, 'no DELIVERED approval with a card to read');
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const { jwe } = await client.getCardSensitiveData(delivered!.cardId!, publicKey);
    const { plaintext } = await compactDecrypt(jwe, await importPKCS8(privateKey, 'RSA-OAEP-256'));
    // Shape only: the clear data is never printed, not even in a failure message.
    expect(cardSensitivePayloadSchema.safeParse(JSON.parse(new TextDecoder().decode(plaintext))).success).toBe(true);
  });

  it('refuses a public key under 2048 bits before sending', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const error = await expectSparadosError(client.getCardSensitiveData('1', publicKey));
    expect(error).toMatchObject({ kind: 'invalid_request', sent: false });
  });

  it('waitForCard gives up at its deadline, stops on cancellation and on a dead end', async (context) => {
    need(context, target, 'writes');
    const accepted = await client.createApproval(simpleApproval(cardAliasId!));
    const started = Date.now();
    const late = await expectSparadosError(client.waitForCard(accepted.id, { timeoutMs: 1_200, intervalMs: 200 }));
    expect(late.kind).toBe('deadline');
    expect(Date.now() - started).toBeLessThan(5_000);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const cancelled = await expectSparadosError(client.waitForCard(accepted.id, { signal: controller.signal }));
    expect(cancelled.kind).toBe('cancelled');

    await client.cancelApproval(accepted.id);
    const dead = await expectSparadosError(client.waitForCard(accepted.id));
    expect(dead.kind).toBe('unexpected_state');
  });
});

describe('transaction history (THC)', () => {
  it('lists a card transaction and fetches it by id and type, refund included', async (context) => {
    need(context, target, 'writes', 'control');
    const delivered = await deliveredApproval();
    const purchase = await control!.authorize({ cardId: delivered.cardId, amountMinor: 1_234, merchantName: 'Contract Cafe', mcc: '5812', channel: 'POS' });
    expect(purchase.status).toBe('AUTHORIZED');
    await control!.call('POST', `/transactions/${purchase.id}/clear`);
    await control!.call('POST', `/transactions/${purchase.id}/refund`, { amountMinor: 234 });

    const page = await client.listTransactions({ cardId: delivered.cardId, size: 50 });
    const kinds = page.items.filter((t) => t.id === purchase.id).map((t) => t.type).sort();
    expect(kinds).toEqual(['PURCHASE', 'REFUND']);

    const single = await client.getTransaction(purchase.id, 'PURCHASE');
    expect(single).toMatchObject({ id: purchase.id, type: 'PURCHASE', amountMinor: 1_234, merchantName: 'Contract Cafe', mcc: '5812', cardId: delivered.cardId });
    const refund = await client.getTransaction(purchase.id, 'REFUND');
    expect(refund.amountMinor).toBe(-234);

    const spent = await client.getApproval(delivered.id);
    expect(spent.spentMinor).toBe(1_000);
  });

  it('lists transactions with filters and reads one back', async (context) => {
    // Where it may, the test makes its own AUTHORIZED transaction through the card network first.
    let made: string | null = null;
    if (target.can.writes && target.can.control) {
      const delivered = await deliveredApproval();
      const purchase = await control!.authorize({ cardId: delivered.cardId, amountMinor: 500, merchantName: 'Contract Kiosk', mcc: '5994', channel: 'POS' });
      expect(purchase.status).toBe('AUTHORIZED');
      made = purchase.id;
    }
    const page = await client.listTransactions({ size: 10, status: 'AUTHORIZED' });
    if (made) expect(page.items.map((t) => t.id)).toContain(made);
    else context.skip(page.items.length === 0, 'no AUTHORIZED transactions to filter');
    expect(page.items.length).toBeGreaterThan(0);
    for (const t of page.items) expect(t.status).toBe('AUTHORIZED');
    const any = (await client.listTransactions({ size: 1 })).items[0];
    context.skip(!made && !any, 'no transactions to read back');
    expect(any).toBeDefined();
    const single = await client.getTransaction(any.id, any.rawType);
    expect(single.id).toBe(any.id);
    expect(single.rawType).toBe(any.rawType);
  });

  it('answers an unknown transaction with 404', async () => {
    const error = await expectSparadosError(client.getTransaction('00000000-0000-4000-8000-000000000000', 'PURCHASE'));
    expect(error.status).toBe(404);
  });
});

describe('transport', () => {
  it('reports a refused client certificate as a connection failure, with a hint, and never as data', async () => {
    const ca = await createSelfSignedCa({ commonName: 'Not Sparados CA' }, await generateRsaKeyPair(2048));
    const keys = await generateRsaKeyPair(2048);
    const cert = certificateToPem(
      await issueCertificate({ subject: { commonName: 'V-Sparados', organizationalUnit: client.config.corporationId ?? 'x' }, publicKey: keys.publicKey, issuer: ca, clientAuth: true }),
    );
    const config = { ...client.config, cert: { pem: cert, origin: 'test' }, key: { pem: await exportPrivateKeyPem(keys.privateKey), origin: 'test' } };
    const dispatcher = createSparadosAgent(config);
    try {
      const rogue = createSparadosClient({ config, dispatcher, retry: { maxAttempts: 2, baseDelayMs: 10 } });
      const error = await expectSparadosError(rogue.listApprovals({ size: 1 }));
      // TLS 1.3 servers refuse a client certificate after the handshake: the client only sees the
      // connection close. Real Sparados may answer 401/403 instead.
      if (error.kind === 'http') expect([401, 403]).toContain(error.status);
      else {
        expect(['tls', 'network']).toContain(error.kind);
        expect(error.message).toMatch(/certificate/);
      }
    } finally {
      await dispatcher.close();
    }
  });

  it('keeps one connection alive across sequential calls', async () => {
    await client.listApprovals({ size: 1 });
    let connects = 0;
    const onConnect = () => connects++;
    client.transport.dispatcher.on('connect', onConnect);
    try {
      for (let i = 0; i < 20; i++) await client.listApprovals({ size: 1 });
    } finally {
      client.transport.dispatcher.off('connect', onConnect);
    }
    expect(connects).toBe(0);
  });
});
