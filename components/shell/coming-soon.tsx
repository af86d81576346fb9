import { Construction } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

/** What an unbuilt section will hold, so nobody mistakes it for an empty result. */
export function ComingSoon({ items }: { items: string[] }) {
  return (
    <Card>
      <EmptyState icon={Construction} title="This section is being built">
        <p>It will let you:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-left">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </EmptyState>
    </Card>
  );
}
