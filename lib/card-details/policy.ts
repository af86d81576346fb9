import type { Role } from '@/lib/auth/permissions';

// Who may see a card's number, expiry and CVV, how long the panel shows them and how often one person
// may ask (docs/decisions/118). Client-safe: the card page and Settings read the same facts.

/** Roles Settings may grant "Show card details" to (a Viewer changes nothing, so never sees card data). */
export const REVEAL_ROLE_CHOICES = ['OPERATOR', 'APPROVER', 'ADMIN'] as const satisfies readonly Role[];
export type RevealRole = (typeof REVEAL_ROLE_CHOICES)[number];

export const DEFAULT_REVEAL_ROLE: RevealRole = 'ADMIN';

export function isRevealRole(value: unknown): value is RevealRole {
  return typeof value === 'string' && (REVEAL_ROLE_CHOICES as readonly string[]).includes(value);
}

/** The browser forgets the card data this long after showing it. */
export const SHOW_FOR_SECONDS = 60;

/** Requests one person may make in REVEAL_WINDOW_MINUTES, whichever cards they are for. */
export const REVEALS_PER_WINDOW = 10;
export const REVEAL_WINDOW_MINUTES = 60;
