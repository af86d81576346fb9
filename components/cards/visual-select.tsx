'use client';

import type { ComponentProps } from 'react';
import { Select } from '@/components/ui/select';

/** The card visual picker of the assign form and the edit dialog; "" is Sparados' default visual. */
export function VisualSelect({ visuals, onValueChange, ...props }: Omit<ComponentProps<typeof Select>, 'onChange' | 'children'> & { visuals: Array<{ id: string; name: string }>; onValueChange: (id: string) => void }) {
  return (
    <Select {...props} onChange={(e) => onValueChange(e.target.value)}>
      <option value="">Default visual</option>
      {visuals.map((v) => (
        <option key={v.id} value={v.id}>
          {v.name}
        </option>
      ))}
    </Select>
  );
}
