import 'server-only';
import { recordAudit } from '@/lib/audit/record';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/errors';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { getSparadosClient, isSparadosError, type SparadosClient } from '@/lib/sparados';
import { toAppError } from '@/lib/sparados/app-error';
import { requireFullApi } from '@/lib/sparados/contract';
import { REVEAL_WINDOW_MINUTES, REVEALS_PER_WINDOW, SHOW_FOR_SECONDS } from './policy';

// "Show card details" on the server's side: it checks, counts, records who asked, and forwards the
// browser's public key to Sparados and Sparados' JWE back. The clear card data exists only in the
// browser that holds the private key (docs/decisions/118).

export const REVEAL_AUDIT_ACTION = 'cards.reveal';

export interface RevealRequest {
  cardId: string;
  /** SPKI PEM of an RSA key the browser made for this one reveal. */
  publicKey: string;
}

export interface EncryptedCardDetails {
  /** Compact JWE (RSA-OAEP-256 + A256GCM) only the requesting browser can open. */
  jwe: string;
  showForSeconds: number;
}

interface RevealContext {
  db: PrismaClient;
  user: SessionUser;
  ip: string | null;
  now: Date;
  client?: SparadosClient;
}

async function deliveredCard(db: PrismaClient, cardId: string) {
  const card = await db.card.findUnique({ where: { id: cardId }, include: { cardholder: true, currentApproval: true } });
  if (!card) throw new AppError('NOT_FOUND', 'This card does not exist.');
  const approval = card.currentApproval;
  const sparadosCardId = approval?.sparadosCardId ?? card.sparadosCardId;
  if (approval?.status !== 'DELIVERED' || !sparadosCardId) {
    throw new AppError('INVALID_STATE', 'Card details exist once the cardholder has redeemed the card; this one is not active.');
  }
  return { holder: `${card.cardholder.firstName} ${card.cardholder.lastName}`.trim(), sparadosCardId };
}

/**
 * Counts this request against the person's allowance and records it, in one transaction under a
 * per-person lock, so parallel requests cannot slip past the count. Recorded before Sparados is asked:
 * a request for card data is worth a line in the audit log whether or not it succeeds.
 */
async function countAndRecord(ctx: RevealContext, cardId: string, holder: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`card-reveal:person:${ctx.user.id}`}, 0))`;
    const since = new Date(ctx.now.getTime() - REVEAL_WINDOW_MINUTES * 60_000);
    const recent = await tx.auditEvent.count({ where: { action: REVEAL_AUDIT_ACTION, actorId: ctx.user.id, at: { gte: since } } });
    if (recent >= REVEALS_PER_WINDOW) {
      throw new AppError('RATE_LIMITED', `You have asked for card details ${REVEALS_PER_WINDOW} times in the last ${REVEAL_WINDOW_MINUTES} minutes, the most one person may. Try again later.`);
    }
    await recordAudit(
      tx,
      { action: REVEAL_AUDIT_ACTION, summary: `${ctx.user.name} asked to see the card number, expiry and CVV of ${holder}'s card.`, targetType: 'card', targetId: cardId },
      { actor: { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name }, ip: ctx.ip, at: ctx.now },
    );
  });
}

export async function revealCardDetails(request: RevealRequest, ctx: RevealContext): Promise<EncryptedCardDetails> {
  await requireFullApi('Showing card details');
  const { holder, sparadosCardId } = await deliveredCard(ctx.db, request.cardId);
  await countAndRecord(ctx, request.cardId, holder);
  try {
    const { jwe } = await (ctx.client ?? getSparadosClient()).getCardSensitiveData(sparadosCardId, request.publicKey);
    return { jwe, showForSeconds: SHOW_FOR_SECONDS };
  } catch (error) {
    if (isSparadosError(error)) throw toAppError(error);
    throw error;
  }
}
