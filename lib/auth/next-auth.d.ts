import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user?: DefaultSession['user'] & { id: string };
    /** Only on the server-side read in lib/auth/session.ts, never sent to the browser. */
    claims?: { uid: string; sv: number; authTime: number; sid: string } | null;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    authTime?: number;
    sid?: string;
  }
}
