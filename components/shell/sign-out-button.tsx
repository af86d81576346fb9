'use client';

import { LogOut } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      pending={pending}
      onClick={async () => {
        setPending(true);
        // No redirect from next-auth: its target depends on NEXTAUTH_URL; a full load of our own
        // sign-in page also drops every client cache of the signed-out user.
        await signOut({ redirect: false });
        window.location.assign('/sign-in');
      }}
    >
      {pending ? null : <LogOut aria-hidden="true" className="h-4 w-4" />}
      Sign out
    </Button>
  );
}
