// Which Sparados contract the corporation has (Settings → Sparados). Client-safe.
// Simple: cards for people known by e-mail and phone, who register with Sparados themselves.
// Full: also Sparados users managed from the panel (cards delivered at once), card details revealed to
// the panel, 3-D Secure and wallet codes delivered by the panel.

export const CONTRACT_TYPES = ['SIMPLE', 'FULL'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const CONTRACT_LABELS = { SIMPLE: 'Simple API', FULL: 'Full API' } as const satisfies Record<ContractType, string>;

export const CONTRACT_DESCRIPTIONS = {
  SIMPLE: 'Cards for people known by e-mail and phone; they register with Sparados and redeem the card themselves.',
  FULL: 'Also: Sparados users created from the panel (cards delivered at once), card details shown to authorised admins, 3-D Secure and wallet codes sent by the panel.',
} as const satisfies Record<ContractType, string>;

export function isContractType(value: unknown): value is ContractType {
  return typeof value === 'string' && (CONTRACT_TYPES as readonly string[]).includes(value);
}

export type SparadosEnvironmentName = 'sandbox' | 'beta' | 'prod';

/** What "Sparados default" means for a limit, as far as the panel knows it per environment. */
export function limitDefaultNote(environment: SparadosEnvironmentName): string {
  return environment === 'sandbox'
    ? "Sparados' default: in the sandbox, no limit beyond the budget."
    : "Sparados' default for your programme (Sparados does not publish it: ask your account manager).";
}

/** What the panel's pages need to know of the Sparados connection (the panel layout provides it). */
export interface SparadosFacts {
  environment: SparadosEnvironmentName;
  contract: ContractType;
  limitDefault: string;
}
