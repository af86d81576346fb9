import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run-action';
import { assignCardActionDefinition } from '@/lib/approvals/assign-action-definitions';
import { defaultLimitsForm } from '@/lib/approvals/limits';
import { db } from '@/lib/db';
import { createTestUser } from '@/tests/support/users';
import { isAppError } from '@/lib/errors';
import { simpleApproval } from './contract/fixtures';
import { CONTRACT_SETTING, getContractType } from './contract';
import { getSparadosClient, isSparadosError } from './index';

// The one guard of the Full API (docs/decisions/117): under a Simple contract the panel's client
// refuses every Full API call before sending it, whichever path asks; a replay that settles an earlier
// attempt still goes through.

const setContract = (value: 'SIMPLE' | 'FULL') => db.setting.upsert({ where: { key: CONTRACT_SETTING }, create: { key: CONTRACT_SETTING, value }, update: { value } });
const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'sent';
  } catch (error) {
    if (isAppError(error)) return `refused: ${error.code}: ${error.message}`;
    if (isSparadosError(error)) return `sent: HTTP ${error.status}`;
    throw error;
  }
}

afterEach(async () => {
  await db.setting.deleteMany({ where: { key: CONTRACT_SETTING } });
});

describe('the Full API under a Simple contract', () => {
  it('defaults to Full against the sandbox', async () => {
    expect(await getContractType()).toBe('FULL');
  });

  it('is refused before anything is sent: users, card data, and approvals for a Sparados user', async () => {
    const client = getSparadosClient();
    // Full: these reach the sandbox (and fail there on unknown ids).
    expect(await outcome(client.getUser('999999'))).toBe('sent: HTTP 404');
    expect(await outcome(client.getCardSensitiveData('no-such-card', publicKey))).toBe('sent: HTTP 404');

    await setContract('SIMPLE');
    expect(await outcome(client.getUser('999999'))).toMatch(/^refused: INVALID_STATE: A Sparados user needs the Full API/);
    expect(await outcome(client.getCardSensitiveData('no-such-card', publicKey))).toMatch(/^refused: INVALID_STATE: Showing card details needs the Full API/);
    expect(await outcome(client.createUser({ email: 'x@int.test', phoneNumber: '48600100200', firstName: 'X', lastName: 'Y', dateOfBirth: '1990-01-01', nationality: 'PL' }))).toMatch(/^refused/);
    const forUser = { ...simpleApproval('c6a1e0f2-7d34-4b8e-9e21-5f0a3b7c9d14'), user: { id: 123 } };
    expect(await outcome(client.createApproval(forUser))).toMatch(/^refused: INVALID_STATE: A card for a Sparados user needs the Full API/);
    // The Cards API itself is untouched.
    expect(await outcome(client.listApprovals({ size: 1 }))).toBe('sent');
  });

  it('refuses the assign form\'s Full API choices, naming the field, before anything is stored', async () => {
    await setContract('SIMPLE');
    const admin = await createTestUser('ADMIN');
    const email = `simple-${Date.now()}@int.test`;
    const year = new Date().getUTCFullYear() + 1;
    const result = await runAction(
      assignCardActionDefinition,
      {
        idempotencyKey: crypto.randomUUID(),
        cardholder: { kind: 'new', fullApi: true, email, phonePrefix: '48', phoneNumber: '600100222', firstName: 'Sim', lastName: 'Ple', birthDate: '1990-01-01', nationality: 'PL' },
        cardAliasId: 'c6a1e0f2-7d34-4b8e-9e21-5f0a3b7c9d14',
        currency: 'PLN',
        budget: '100',
        startDate: `${year}-01-01`,
        endDate: `${year}-06-30`,
        timezone: 'Europe/Warsaw',
        limits: defaultLimitsForm(),
        mcc: { mode: 'none', categories: [], codes: '' },
        tags: [],
      },
      { db, getUser: async () => admin, getIp: async () => null, logError: () => undefined },
    );
    expect(result).toMatchObject({ ok: false, code: 'INVALID_STATE', fieldErrors: { 'cardholder.fullApi': [expect.stringMatching(/needs the Full API/)] } });
    expect(await db.cardholder.count({ where: { email } })).toBe(0);
    expect(await db.pendingOperation.count({ where: { request: { path: ['body', 'email'], equals: email } } })).toBe(0);
  });
});
