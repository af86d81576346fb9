'use client';

import { useEffect, useState, type ComponentProps } from 'react';
import { Select } from '@/components/ui/select';
import { timeZoneNames } from '@/lib/approvals/validity';

// A native select of IANA time zones: keyboard type-ahead finds "Europe/Wa…" by itself. The zones
// Sparados customers use most come first; the rest follow in order.

const COMMON = ['Europe/Warsaw', 'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Prague', 'Europe/Vilnius', 'UTC', 'America/New_York', 'Asia/Dubai', 'Asia/Singapore'];

export interface TimezoneSelectProps extends Omit<ComponentProps<'select'>, 'value' | 'onChange' | 'children'> {
  value: string;
  onValueChange: (zone: string) => void;
}

export function TimezoneSelect({ value, onValueChange, ...props }: TimezoneSelectProps) {
  // The full list comes from the browser's own Intl data after hydration: the server's ICU may list
  // other zones, and differing options would not hydrate.
  const [rest, setRest] = useState<string[]>([]);
  useEffect(() => setRest(timeZoneNames().filter((z) => !COMMON.includes(z))), []);
  const zones = { common: COMMON, rest };
  // A stored zone the runtime does not list (an alias such as "Europe/Kiev") stays selectable.
  const extra = value && !zones.common.includes(value) && !zones.rest.includes(value) ? value : null;
  return (
    <Select value={value} onChange={(event) => onValueChange(event.target.value)} {...props}>
      {value === '' ? <option value="">Choose a time zone</option> : null}
      {extra ? <option value={extra}>{extra}</option> : null}
      <optgroup label="Common">
        {zones.common.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, ' ')}
          </option>
        ))}
      </optgroup>
      <optgroup label="All time zones">
        {zones.rest.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, ' ')}
          </option>
        ))}
      </optgroup>
    </Select>
  );
}
