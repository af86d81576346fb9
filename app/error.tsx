'use client';

import { ErrorView } from '@/components/shell/error-view';

export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <ErrorView {...props} />
    </main>
  );
}
