import { createHash, randomBytes } from 'node:crypto';

// Invitation links carry a random token; the database keeps only its SHA-256, so a database read
// cannot be turned into a working link. The token is shown once, to the inviting admin.

export const INVITATION_VALID_DAYS = 7;

export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60_000);
}
