import type { Role } from '../auth/permissions';

// The demo admin users, one per role: the seed creates them, the e2e tests sign in with them and the
// README prints them. Kept apart from prisma/seed.ts (which hashes with native argon2) so the e2e
// fixtures can import the list. Development and test databases only (see seed-guard.ts).

export const DEMO_USERS = [
  { email: 'admin@demo.test', password: 'demo-admin-2026', name: 'Anna Nowak', role: 'ADMIN' },
  { email: 'approver@demo.test', password: 'demo-approver-2026', name: 'Piotr Zielinski', role: 'APPROVER' },
  { email: 'operator@demo.test', password: 'demo-operator-2026', name: 'Olga Wisniewska', role: 'OPERATOR' },
  { email: 'viewer@demo.test', password: 'demo-viewer-2026', name: 'Jan Kowalski', role: 'VIEWER' },
] as const satisfies readonly { email: string; password: string; name: string; role: Role }[];

export type DemoUser = (typeof DEMO_USERS)[number];
export type DemoRole = DemoUser['role'];
