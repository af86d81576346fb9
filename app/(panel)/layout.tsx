import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { AppShell } from '@/components/shell/app-shell';
import { SparadosFactsProvider } from '@/components/shell/sparados-facts';
import { requireUser } from '@/lib/auth/session';
import { getSparadosFacts } from '@/lib/sparados/contract';

// Every page below still checks its own permission; the layout only guarantees a signed-in user. It
// also tells every page what the Sparados contract includes (forms hide what it does not).
export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const facts = await getSparadosFacts();
  return (
    <Providers>
      <SparadosFactsProvider facts={facts}>
        <AppShell user={user}>{children}</AppShell>
      </SparadosFactsProvider>
    </Providers>
  );
}
