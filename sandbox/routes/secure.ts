// Cards API and Full API under /secure (API-REFERENCE §3–§5).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import { validationError } from '../http/errors';
import type { Router } from '../http/router';
import { applyAction, createApproval, editApproval } from '../domain/approvals/service';
import { approvalView } from '../domain/approvals/view';
import type { CorporationAction } from '../domain/approvals/status';
import { sensitivePayload } from '../domain/cards';
import { enumListParam, parsePageRequest, throwIfAny, toPage } from '../domain/pages';
import { balanceView } from '../domain/transactions';
import { createUser, deleteUser, patchUser, userView } from '../domain/users';
import { APPROVAL_STATUSES, type Approval } from '../store/types';
import type { FieldError } from '../http/errors';

const ACTION_PATHS = ['cancel', 'unassign', 'increase_budget', 'accept', 'reject', 'lock', 'unlock'] as const satisfies ReadonlyArray<Exclude<CorporationAction, 'edit'>>;

function publicKeyFromHeader(header: string | string[] | undefined): KeyObject {
  const field = 'Public-Key';
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw validationError([{ field, message: 'header is required: base64 of an SPKI PEM RSA public key' }]);
  let key: KeyObject;
  try {
    const pem = Buffer.from(value.trim(), 'base64').toString('utf8');
    if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw new Error('not an SPKI PEM');
    key = createPublicKey(pem);
  } catch {
    throw validationError([{ field, message: 'must be the base64 encoding of an SPKI PEM public key' }]);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < 2048) throw validationError([{ field, message: 'must be an RSA key of at least 2048 bits' }]);
  return key;
}

export function secureRoutes(router: Router): void {
  router
    // Seed 001: "The API returns approvalId". The sandbox adds the approval's fields beside it unless
    // SANDBOX_CREATE_REPLY=id-only, the minimum a client may count on (the tests run with that).
    .on('POST', '/secure/approvals', ({ core, corporationId, body }) => {
      if (core.options.contract === 'simple' && (body as { user?: { id?: unknown } } | null)?.user?.id !== undefined) {
        throw validationError([{ field: 'user.id', message: 'needs the Full API, which is not part of this corporation\'s contract' }]);
      }
      const approval = createApproval(core, corporationId, body);
      return { status: 201, body: core.options.createReply === 'id-only' ? { approvalId: approval.id } : { approvalId: approval.id, ...approvalView(core, approval) } };
    })
    .on('GET', '/secure/approvals', ({ core, corporationId, query }) => {
      const errors: FieldError[] = [];
      const page = parsePageRequest(query, errors);
      const statuses = enumListParam(query, 'status', APPROVAL_STATUSES, errors);
      throwIfAny(errors);
      const matching: Approval[] = [];
      const all = core.store.approvalOrder;
      for (let i = all.length - 1; i >= 0; i--) {
        const a = all[i];
        if (a.corporationId === corporationId && (!statuses || statuses.has(a.status))) matching.push(a);
      }
      return { status: 200, body: toPage(matching, page, (a) => approvalView(core, a)) };
    })
    .on('GET', '/secure/approvals/:id', ({ core, corporationId, params }) => ({ status: 200, body: approvalView(core, core.approval(corporationId, params.id)) }))
    .on('PUT', '/secure/approvals/:id', ({ core, corporationId, params, body }) => ({ status: 200, body: approvalView(core, editApproval(core, corporationId, params.id, body)) }));

  for (const action of ACTION_PATHS) {
    router.on('PUT', `/secure/approvals/:id/${action}`, ({ core, corporationId, params, body }) => ({
      status: 200,
      body: approvalView(core, applyAction(core, corporationId, params.id, action, body)),
    }));
  }

  router
    .on('GET', '/secure/balances/:balanceId', ({ core, corporationId, params }) => ({ status: 200, body: balanceView(core, corporationId, params.balanceId) }))
    .on('GET', '/secure/cards/:id/sensitive', async ({ core, corporationId, params, headers }) => {
      const card = core.card(corporationId, params.id);
      const key = publicKeyFromHeader(headers['public-key']);
      const payload = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(sensitivePayload(card))))
        .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
        .encrypt(key);
      return { status: 200, body: { payload } };
    })
    .on('POST', '/secure/users', ({ core, corporationId, body }) => ({ status: 201, body: { id: createUser(core, corporationId, body).id } }))
    .on('GET', '/secure/users/:id', ({ core, corporationId, params }) => ({ status: 200, body: userView(core.user(corporationId, params.id)) }))
    .on('PATCH', '/secure/users/:id', ({ core, corporationId, params, body }) => ({ status: 200, body: userView(patchUser(core, corporationId, params.id, body)) }))
    .on('DELETE', '/secure/users/:id', ({ core, corporationId, params }) => {
      deleteUser(core, corporationId, params.id);
      return { status: 204 };
    });
}
