import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/session';

// Every page below still checks its own permission; the layout only guarantees a signed-in user.
export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <AppShell user={user}>{children}</AppShell>
    </Providers>
  );
}
