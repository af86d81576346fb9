// Pure rules of the cardholder directory. Client-safe.

/** Approval statuses in which a card is live or about to be: its holder cannot be deleted. */
export const ACTIVE_CARD_STATUSES = ['DELIVERED', 'ACCEPTED', 'PREPARED', 'CREATED'] as const;
export type ActiveCardStatus = (typeof ACTIVE_CARD_STATUSES)[number];

export function isActiveCardStatus(status: string | null | undefined): status is ActiveCardStatus {
  return typeof status === 'string' && (ACTIVE_CARD_STATUSES as readonly string[]).includes(status);
}

/** Why a cardholder cannot be deleted, or null when they can. */
export function deleteRefusal(cards: ReadonlyArray<{ status: string | null; description: string | null }>): string | null {
  const active = cards.filter((card) => isActiveCardStatus(card.status));
  if (active.length === 0) return null;
  const named = active
    .slice(0, 3)
    .map((card) => `${card.description ?? 'card'} (${card.status})`)
    .join(', ');
  return `This cardholder has ${active.length} active card${active.length === 1 ? '' : 's'}: ${named}${active.length > 3 ? ', …' : ''}. Cancel or unassign ${active.length === 1 ? 'it' : 'them'} first.`;
}

export function displayName(holder: { firstName: string | null; lastName: string | null; email: string }): string {
  const name = [holder.firstName, holder.lastName].filter(Boolean).join(' ');
  return name || holder.email;
}

/** "+48 600100200"; a Full API user read back from Sparados may carry the whole number in phoneNumber. */
export function displayPhone(holder: { phonePrefix: string; phoneNumber: string }): string {
  if (!holder.phoneNumber) return '';
  return holder.phonePrefix ? `+${holder.phonePrefix} ${holder.phoneNumber}` : `+${holder.phoneNumber}`;
}
