'use client';

import { ErrorView } from '@/components/shell/error-view';
import { Card } from '@/components/ui/card';

export default function PanelError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Card>
      <ErrorView {...props} />
    </Card>
  );
}
