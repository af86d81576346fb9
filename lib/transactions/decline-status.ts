import { declineFixHref, declineReasonInfo, type DeclineReasonInfo } from './decline-reasons';

// Whether a group of declines in the inbox still needs its fix, read from the card's state now.
// Pure and client-safe, so the inbox and its tests agree.

export type DeclineFixState =
  | { kind: 'fix'; href: string; label: string }
  | { kind: 'resolved'; note: string }
  | { kind: 'explain'; note: string };

export interface DeclineGroupLike {
  reason: string | null;
  cardId: string | null;
  lastAt: string;
  card: { status: string | null; cardStatus: string | null; lastActivityAt: string } | null;
}

export function declineFixState(group: DeclineGroupLike, canFix: boolean): DeclineFixState {
  const info: DeclineReasonInfo = declineReasonInfo(group.reason);
  if (!info.fix) return { kind: 'explain', note: info.explanation };
  if (!group.cardId || !group.card) return { kind: 'explain', note: 'The card is not in the panel (assigned elsewhere), so it cannot be changed here.' };
  if (group.card.status !== 'DELIVERED') return { kind: 'explain', note: 'The card is no longer active; nothing to change on it.' };
  if (info.fix.kind === 'unlock' && group.card.cardStatus !== 'LOCKED') return { kind: 'resolved', note: 'The card has been unlocked since.' };
  const href = declineFixHref(group.reason, group.cardId);
  if (!canFix || !href) return { kind: 'explain', note: `${info.fix.label} — an operator can do this on the card's page.` };
  const changedSince = Date.parse(group.card.lastActivityAt) > Date.parse(group.lastAt);
  return { kind: 'fix', href, label: changedSince ? `${info.fix.label} (card changed since)` : info.fix.label };
}
