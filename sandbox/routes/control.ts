// The control API under /_sandbox (SANDBOX.md): plays the end user, the card network, time and faults.
import { z } from 'zod';
import type { Router } from '../http/router';
import type { FaultTable } from '../http/faults';
import { redeem, requestChange } from '../domain/approvals/service';
import { runDueTransitions } from '../domain/approvals/timeline';
import { approvalView } from '../domain/approvals/view';
import { authorizeTransaction, refundTransaction, settleTransaction } from '../domain/transactions';
import { isoInstant, parseOrThrow } from '../domain/validation';
import { sendThreeDsOtp, sendWalletNotification } from '../domain/webhooks';

export interface ControlHooks {
  faults: FaultTable;
  reset(): void;
}

const clockSchema = z
  .object(
    {
      advanceMs: z.int({ error: 'must be an integer of milliseconds' }).optional(),
      now: isoInstant().optional(),
    },
    { error: 'must be a JSON object' },
  )
  .refine((b) => (b.advanceMs === undefined) !== (b.now === undefined), { message: 'give exactly one of advanceMs and now', path: ['advanceMs'] });

export function controlRoutes(router: Router, hooks: ControlHooks): void {
  router
    // How this sandbox was started, for suites that must know which answers they get.
    .on('GET', '/_sandbox/config', ({ core }) => ({ status: 200, body: { createReply: core.options.createReply ?? 'full', contract: core.options.contract ?? 'full' } }))
    .on('GET', '/_sandbox/corporation', ({ core }) => {
      const c = core.corporation;
      return {
        status: 200,
        body: {
          corporationId: c.corporationId,
          currency: c.currency,
          balances: c.balances.map((b) => ({ balanceId: b.balanceId, cardAliasId: b.cardAliasId, availableMinor: core.store.balances.get(b.balanceId)?.availableMinor ?? b.availableMinor })),
          visuals: c.visuals,
        },
      };
    })
    .on('POST', '/_sandbox/reset', () => {
      hooks.reset();
      return { status: 200, body: { reset: true } };
    })
    .on('GET', '/_sandbox/clock', ({ core }) => ({ status: 200, body: { now: core.clock.now().toISOString() } }))
    .on('POST', '/_sandbox/clock', ({ core, body }) => {
      const input = parseOrThrow(clockSchema, body);
      if (input.advanceMs !== undefined) core.clock.advance(input.advanceMs);
      else core.clock.set(new Date(input.now!));
      core.store.changed();
      runDueTransitions(core);
      return { status: 200, body: { now: core.clock.now().toISOString() } };
    })
    .on('POST', '/_sandbox/approvals/:id/redeem', ({ core, corporationId, params }) => ({ status: 200, body: approvalView(core, redeem(core, corporationId, params.id)) }))
    .on('POST', '/_sandbox/approvals/:id/change-request', ({ core, corporationId, params, body }) => ({
      status: 201,
      body: approvalView(core, requestChange(core, corporationId, params.id, body)),
    }))
    .on('POST', '/_sandbox/transactions', ({ core, corporationId, body }) => ({ status: 201, body: authorizeTransaction(core, corporationId, body) }))
    .on('POST', '/_sandbox/transactions/:id/clear', ({ core, corporationId, params }) => ({ status: 200, body: settleTransaction(core, corporationId, params.id, 'CLEARED') }))
    .on('POST', '/_sandbox/transactions/:id/reverse', ({ core, corporationId, params }) => ({ status: 200, body: settleTransaction(core, corporationId, params.id, 'REVERSED') }))
    .on('POST', '/_sandbox/transactions/:id/refund', ({ core, corporationId, params, body }) => ({ status: 201, body: refundTransaction(core, corporationId, params.id, body) }))
    .on('POST', '/_sandbox/webhooks/3ds-otp', ({ core, corporationId, body }) => ({ status: 202, body: sendThreeDsOtp(core, corporationId, body) }))
    .on('POST', '/_sandbox/webhooks/wallet', ({ core, corporationId, body }) => ({ status: 202, body: sendWalletNotification(core, corporationId, body) }))
    .on('GET', '/_sandbox/deliveries', ({ core }) => ({ status: 200, body: core.store.deliveries }))
    .on('GET', '/_sandbox/emails', ({ core }) => ({ status: 200, body: core.store.emails }))
    .on('GET', '/_sandbox/faults', () => ({ status: 200, body: hooks.faults.list() }))
    .on('POST', '/_sandbox/faults', ({ body }) => ({ status: 201, body: hooks.faults.add(body) }))
    .on('DELETE', '/_sandbox/faults', () => {
      hooks.faults.clear();
      return { status: 204 };
    });
}
