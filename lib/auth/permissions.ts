// The one permission table. Server code enforces it (action wrapper, requirePermission) and the
// UI reads it to hide what a role cannot do; client components import this file, so it stays pure.

export const ROLES = ['VIEWER', 'OPERATOR', 'APPROVER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Each role includes every power of the roles before it. */
const ROLE_RANK = { VIEWER: 0, OPERATOR: 1, APPROVER: 2, ADMIN: 3 } as const satisfies Record<Role, number>;

export const ROLE_LABELS = {
  VIEWER: 'Viewer',
  OPERATOR: 'Operator',
  APPROVER: 'Approver',
  ADMIN: 'Admin',
} as const satisfies Record<Role, string>;

export const ROLE_DESCRIPTIONS = {
  VIEWER: 'Sees cards, requests, transactions and the audit log; changes nothing.',
  OPERATOR: 'Assigns cards, locks and unlocks them, raises budgets within the operator allowance of the budget policy.',
  APPROVER: 'Answers change requests, approves changes held for a second person and takes cards back.',
  ADMIN: 'Manages admin users, settings (loosening the budget policy needs a second Admin) and the Sparados connection.',
} as const satisfies Record<Role, string>;

/** Permission → the lowest role that holds it. */
export const PERMISSIONS = {
  /** One's own account: password, two-factor sign-in. */
  'account.manage': 'VIEWER',
  'dashboard.view': 'VIEWER',
  'cards.view': 'VIEWER',
  'cards.assign': 'OPERATOR',
  'cards.lock': 'OPERATOR',
  'cards.unlock': 'OPERATOR',
  /** Any budget change; one above the requester's allowance (the budget policy) waits for a second approver (requests.decide). */
  'cards.topup': 'OPERATOR',
  'cards.takeback': 'APPROVER',
  /** The lowest role Settings may grant it; the setting (Admin by default) decides (lib/card-details/policy.ts). */
  'cards.reveal': 'OPERATOR',
  'requests.view': 'VIEWER',
  'requests.decide': 'APPROVER',
  'transactions.view': 'VIEWER',
  'transactions.export': 'VIEWER',
  'cardholders.view': 'VIEWER',
  'cardholders.manage': 'OPERATOR',
  'audit.view': 'VIEWER',
  'settings.view': 'ADMIN',
  'settings.manage': 'ADMIN',
  'users.manage': 'ADMIN',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

export function minimumRole(permission: Permission): Role {
  return PERMISSIONS[permission];
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return roleAtLeast(role, PERMISSIONS[permission]);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
}
