import type { BalanceWire } from '../schemas/balances';
import { unknownFields } from './unknown-fields';

export interface Balance {
  id: string;
  currency: string;
  availableMinor: number;
  blockedMinor: number | null;
  updatedAt: Date | null;
  extra: Record<string, unknown>;
}

export function toBalance(wire: BalanceWire): Balance {
  return {
    id: wire.id,
    currency: wire.currency,
    availableMinor: wire.availableMinor,
    blockedMinor: wire.blockedMinor ?? null,
    updatedAt: wire.updatedAt ? new Date(wire.updatedAt) : null,
    extra: unknownFields(wire, ['id', 'currency', 'availableMinor', 'blockedMinor', 'updatedAt']),
  };
}
