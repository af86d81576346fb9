// How audit sentences and result rows name a card: by the description printed on it when it has
// one ("card 'Travel – J. Smith'"), else by its holder ("the card of Jan Smith"). Client-safe.

export interface CardNaming {
  description: string | null;
  holder: { firstName: string | null; lastName: string | null; email: string };
}

export function holderDisplayName(holder: CardNaming['holder']): string {
  return [holder.firstName, holder.lastName].filter(Boolean).join(' ') || holder.email;
}

export function cardLabel(card: CardNaming): string {
  const description = card.description?.trim();
  return description ? `card '${description}'` : `the card of ${holderDisplayName(card.holder)}`;
}
