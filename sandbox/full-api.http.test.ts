// Full API: users, approvals that deliver themselves, card data as JWE.
import { generateKeyPairSync } from 'node:crypto';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLuhnValid } from './domain/cards';
import { deliveredApproval, simpleApprovalBody, startTestSandbox, type TestSandbox } from './testing/harness';

let sandbox: TestSandbox;
const logLines: string[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox({ log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await sandbox?.stop();
});

const userBody = { email: 'jan.kowalski@example.com', phoneNumber: '48123456789', firstName: 'Jan', lastName: 'Kowalski', dateOfBirth: '1990-01-01', nationality: 'PL' };

describe('users', () => {
  it('creates, reads, patches and deletes a user', async () => {
    const created = await sandbox.call('POST', '/secure/users/', userBody);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['id']);
    expect(Number.isInteger(created.body.id)).toBe(true);
    const got = await sandbox.call('GET', `/secure/users/${created.body.id}`);
    expect(got.body).toEqual({ id: created.body.id, ...userBody, status: 'ACTIVE' });
    const patched = await sandbox.call('PATCH', `/secure/users/${created.body.id}`, { lastName: 'Nowak' });
    expect(patched.body).toMatchObject({ lastName: 'Nowak', firstName: 'Jan' });
    expect((await sandbox.call('DELETE', `/secure/users/${created.body.id}`)).status).toBe(204);
    expect((await sandbox.call('GET', `/secure/users/${created.body.id}`)).status).toBe(404);
    expect((await sandbox.call('PATCH', `/secure/users/${created.body.id}`, { lastName: 'X' })).status).toBe(404);
  });

  it('validates every field', async () => {
    const res = await sandbox.call('POST', '/secure/users', { email: 'x', phoneNumber: '+48 123', firstName: '', dateOfBirth: '1990-13-01', nationality: 'pol' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dateOfBirth', 'email', 'firstName', 'lastName', 'nationality', 'phoneNumber']);
    const patch = await sandbox.call('PATCH', `/secure/users/${(await sandbox.call('POST', '/secure/users', userBody)).body.id}`, { email: 5 });
    expect(patch.status).toBe(400);
    expect(patch.body.errors[0].field).toBe('email');
  });
});

describe('approvals with user.id', () => {
  it('go ACCEPTED → DELIVERED by themselves within 0.3–3 s', async () => {
    const user = await sandbox.call('POST', '/secure/users', userBody);
    const { user: _simple, ...rest } = simpleApprovalBody(sandbox.cardAliasId);
    const created = await sandbox.call('POST', '/secure/approvals', { ...rest, user: { id: user.body.id } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'ACCEPTED', cardId: null, user: { id: user.body.id } });
    const started = Date.now();
    let approval = created.body;
    while (approval.status !== 'DELIVERED' && Date.now() - started < 6_000) {
      await new Promise((r) => setTimeout(r, 100));
      approval = (await sandbox.call('GET', `/secure/approvals/${created.body.id}`)).body;
    }
    expect(approval.status).toBe('DELIVERED');
    expect(Number.isInteger(approval.cardId)).toBe(true);
    const delayMs = Date.parse(approval.updatedAt) - Date.parse(approval.createdAt);
    expect(delayMs).toBeGreaterThanOrEqual(300);
    expect(delayMs).toBeLessThanOrEqual(3_100);
  }, 10_000);

  it('accept a user id given as a string, and refuse an unknown one', async () => {
    const user = await sandbox.call('POST', '/secure/users', userBody);
    const { user: _simple, ...rest } = simpleApprovalBody(sandbox.cardAliasId);
    expect((await sandbox.call('POST', '/secure/approvals', { ...rest, user: { id: String(user.body.id) } })).status).toBe(201);
    const unknown = await sandbox.call('POST', '/secure/approvals', { ...rest, user: { id: 999_999_999 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'user.id', message: expect.any(String) }]);
  });
});

describe('GET /secure/cards/{id}/sensitive', () => {
  const keyPair = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits });
  const header = (key: ReturnType<typeof keyPair>['publicKey']) => Buffer.from(key.export({ type: 'spki', format: 'pem' }) as string).toString('base64');

  it('returns the card as a JWE (RSA-OAEP-256 + A256GCM) only the key holder can read', async () => {
    const approval = await deliveredApproval(sandbox);
    const { publicKey, privateKey } = keyPair(2048);
    const res = await sandbox.call('GET', `/secure/cards/${approval.cardId}/sensitive`, undefined, { 'Public-Key': header(publicKey) });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['payload']);
    expect(decodeProtectedHeader(res.body.payload)).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    const { plaintext } = await compactDecrypt(res.body.payload, privateKey);
    const card = JSON.parse(new TextDecoder().decode(plaintext));
    expect(card).toMatchObject({ id: approval.cardId, type: 'VIRTUAL', dcCorporationId: sandbox.corporation.corporationId, balanceId: sandbox.balanceId });
    expect(card.cardNo).toMatch(/^\d{16}$/);
    expect(isLuhnValid(card.cardNo)).toBe(true);
    expect(card.cvv).toMatch(/^\d{3}$/);
    expect(card.exp).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(card.issuerCardId).toMatch(/^\d+$/);
    // The PAN never reaches a log line or a plain response.
    const approvalJson = JSON.stringify((await sandbox.call('GET', `/secure/approvals/${approval.id}`)).body);
    expect(approvalJson).not.toContain(card.cardNo);
    expect(logLines.join('\n')).not.toContain(card.cardNo);
    const other = keyPair(2048);
    await expect(compactDecrypt(res.body.payload, other.privateKey)).rejects.toThrow();
  });

  it('wants a Public-Key header with an RSA key of 2048 bits or more; unknown cards are 404', async () => {
    const approval = await deliveredApproval(sandbox);
    const path = `/secure/cards/${approval.cardId}/sensitive`;
    const missing = await sandbox.call('GET', path);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('Public-Key');
    expect((await sandbox.call('GET', path, undefined, { 'Public-Key': 'bm90IGEga2V5' })).status).toBe(400);
    expect((await sandbox.call('GET', path, undefined, { 'Public-Key': header(keyPair(1024).publicKey) })).status).toBe(400);
    expect((await sandbox.call('GET', '/secure/cards/999999/sensitive', undefined, { 'Public-Key': header(keyPair(2048).publicKey) })).status).toBe(404);
  });
});
