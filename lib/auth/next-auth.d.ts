import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user?: DefaultSession['user'] & { id: string };
    /** Only on the server-side read in lib/auth/session.ts, never sent to the browser. */
    claims?: { uid: string; sv: number; authTime: number; sid: string; mfa: boolean } | null;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    authTime?: number;
    sid?: string;
    /** Two-factor sign-in applies to this session (lib/auth/session-check.ts). */
    mfa?: boolean;
  }
}
