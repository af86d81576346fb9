// Shaping money series for the dashboard's SVG charts: exact BigInt arithmetic up to the last step
// (a bar's length as a share of the axis), a "nice" axis maximum (1, 2 or 5 × 10ⁿ) and its ticks.
// Pure and client-safe; the components only draw what these return.

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ (in minor units) at or above `value`; 0 stays 0. */
export function niceCeiling(value: bigint): bigint {
  if (value <= 0n) return 0n;
  let magnitude = 1n;
  while (magnitude * 10n <= value) magnitude *= 10n;
  for (const step of [10n, 20n, 25n, 50n, 100n]) {
    const candidate = (magnitude * step) / 10n;
    if (candidate >= value && candidate > 0n) return candidate;
  }
  return magnitude * 10n;
}

/** Axis from 0 to the nice maximum in `count` equal steps (the maximum included). */
export function axisTicks(max: bigint, count = 4): bigint[] {
  if (max <= 0n) return [0n];
  return Array.from({ length: count + 1 }, (_, i) => (max * BigInt(i)) / BigInt(count));
}

export interface ScaledBar<T> {
  item: T;
  /** 0–100, one decimal: share of the axis maximum. Negative amounts (refunds beyond spend) draw as 0. */
  percent: number;
}

export function scaleBars<T>(items: readonly T[], amountOf: (item: T) => bigint): { max: bigint; bars: Array<ScaledBar<T>> } {
  const largest = items.reduce((m, item) => (amountOf(item) > m ? amountOf(item) : m), 0n);
  const max = niceCeiling(largest);
  return {
    max,
    bars: items.map((item) => {
      const amount = amountOf(item);
      const percent = max > 0n && amount > 0n ? Number((amount * 1000n) / max) / 10 : 0;
      return { item, percent };
    }),
  };
}

/** The top `limit` entries by amount and one "others" entry summing the rest (if any rest). */
export function topWithRest<T extends { amountMinor: bigint }>(items: readonly T[], limit: number, rest: (amountMinor: bigint, count: number) => T): T[] {
  const sorted = [...items].sort((a, b) => (a.amountMinor === b.amountMinor ? 0 : a.amountMinor > b.amountMinor ? -1 : 1));
  if (sorted.length <= limit) return sorted;
  const others = sorted.slice(limit);
  return [...sorted.slice(0, limit), rest(others.reduce((sum, item) => sum + item.amountMinor, 0n), others.length)];
}
