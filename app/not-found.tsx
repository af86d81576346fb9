import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { connection } from 'next/server';
import { EmptyState } from '@/components/ui/empty-state';

export default async function NotFound() {
  // Rendered per request like every page, so its scripts carry the request's CSP nonce (proxy.ts).
  await connection();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <EmptyState
        icon={SearchX}
        title="Page not found"
        action={
          <Link href="/" className="text-sm font-medium text-indigo-700 underline">
            Go to the dashboard
          </Link>
        }
      >
        <p>The address may be mistyped, or the page has moved.</p>
      </EmptyState>
    </main>
  );
}
