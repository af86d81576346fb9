import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

// Shown inside the panel frame when a page calls notFound() (e.g. a card id that does not exist).
export default function PanelNotFound() {
  return (
    <Card>
      <EmptyState
        icon={SearchX}
        title="Not found"
        action={
          <Link href="/" className="text-sm font-medium text-indigo-700 underline">
            Back to the dashboard
          </Link>
        }
      >
        <p>It may have been removed, or the link is wrong.</p>
      </EmptyState>
    </Card>
  );
}
