import { CreditCard } from 'lucide-react';
import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <CreditCard aria-hidden="true" className="h-7 w-7 text-indigo-600" />
        Sparados panel
      </div>
      <main className="w-full max-w-sm">{children}</main>
    </div>
  );
}
