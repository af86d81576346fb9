// Settings rows the panel starts with (seeded, never overwritten once an admin has changed them).
// Amounts are integer minor units of the balance currency.

export const DEFAULT_SETTINGS = {
  'organization.name': 'Demo Company',
  /** Largest top-up an OPERATOR may make alone; above it needs an APPROVER. */
  'topups.operatorLimitMinor': 50_000,
  'display.timezone': 'Europe/Warsaw',
} as const satisfies Record<string, string | number | boolean>;

export type SettingKey = keyof typeof DEFAULT_SETTINGS;
