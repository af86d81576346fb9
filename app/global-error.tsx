'use client';

import './globals.css';
import { ErrorView } from '@/components/shell/error-view';

// Replaces the root layout when the layout itself fails, so it brings its own <html>.
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main className="flex min-h-screen items-center justify-center px-4">
          <ErrorView {...props} />
        </main>
      </body>
    </html>
  );
}
