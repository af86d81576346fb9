// Settings rows the panel starts with (seeded, never overwritten once an admin has changed them).
// Amounts are integer minor units of the balance currency.

export const DEFAULT_SETTINGS = {
  'organization.name': 'Demo Company',
  'display.timezone': 'Europe/Warsaw',
  /** The dashboard warns when an account's available balance falls below this (minor units of its currency). */
  'alerts.lowBalanceMinor': 1_000_000,
} as const satisfies Record<string, string | number | boolean>;

export type SettingKey = keyof typeof DEFAULT_SETTINGS;
