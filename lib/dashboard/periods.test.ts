import { describe, expect, it } from 'vitest';
import { axisTicks, niceCeiling, scaleBars, topWithRest } from './chart';
import { fillDays, lastDays, monthPeriods, percentChange } from './periods';

describe('month periods in the display time zone', () => {
  it('starts months at local midnight', () => {
    const p = monthPeriods(new Date('2026-11-21T10:00:00Z'), 'Europe/Warsaw');
    expect(p.thisMonthStart.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    // October starts in summer time (UTC+2).
    expect(p.lastMonthStart.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(p.lastMonthSameTime.toISOString()).toBe('2026-10-21T09:00:00.000Z');
    expect([p.thisMonthLabel, p.lastMonthLabel]).toEqual(['2026-11-01', '2026-10-01']);
  });

  it('counts an instant just after local midnight as the new month', () => {
    const p = monthPeriods(new Date('2026-11-30T23:30:00Z'), 'Europe/Warsaw');
    expect(p.thisMonthLabel).toBe('2026-12-01');
    expect(p.thisMonthStart.toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('clamps "same day last month" to the shorter month and crosses years', () => {
    const p = monthPeriods(new Date('2027-03-31T12:00:00Z'), 'UTC');
    expect(p.lastMonthSameTime.toISOString()).toBe('2027-02-28T12:00:00.000Z');
    const january = monthPeriods(new Date('2027-01-15T00:00:00Z'), 'UTC');
    expect(january.lastMonthStart.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('daily series', () => {
  it('lists the last days ending today and fills the gaps with zero', () => {
    const { days, from } = lastDays(new Date('2026-11-02T23:30:00Z'), 'Europe/Warsaw', 4);
    // 23:30 UTC on 2 November is already 3 November in Warsaw.
    expect(days).toEqual(['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03']);
    expect(from.toISOString()).toBe('2026-10-30T23:00:00.000Z');
    expect(fillDays(days, [{ day: '2026-11-01', amountMinor: 500n }, { day: '2026-11-01', amountMinor: -100n }, { day: '2026-10-01', amountMinor: 9n }])).toEqual([
      { day: '2026-10-31', amountMinor: 0n },
      { day: '2026-11-01', amountMinor: 400n },
      { day: '2026-11-02', amountMinor: 0n },
      { day: '2026-11-03', amountMinor: 0n },
    ]);
  });

  it('compares with last month only when last month had spend', () => {
    expect(percentChange(150n, 100n)).toBe(50);
    expect(percentChange(1n, 3n)).toBe(-66.6);
    expect(percentChange(100n, 0n)).toBeNull();
  });
});

describe('chart shaping', () => {
  it('rounds the axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect([0n, 1n, 3n, 7n, 10n, 11n, 2400n, 2600n, 123_456_789n].map(niceCeiling)).toEqual([0n, 1n, 5n, 10n, 10n, 20n, 2500n, 5000n, 200_000_000n]);
    expect(axisTicks(2500n)).toEqual([0n, 625n, 1250n, 1875n, 2500n]);
    expect(axisTicks(0n)).toEqual([0n]);
  });

  it('scales bars exactly, drawing negative days as empty', () => {
    const { max, bars } = scaleBars([1000n, 2500n, -300n, 0n], (v) => v);
    expect(max).toBe(2500n);
    expect(bars.map((b) => b.percent)).toEqual([40, 100, 0, 0]);
    // Beyond 2^53 the shares are still right.
    const huge = scaleBars([9_007_199_254_740_993n, 4_503_599_627_370_497n], (v) => v);
    expect(huge.bars.map((b) => b.percent)).toEqual([90, 45]);
  });

  it('keeps the top entries and sums the rest', () => {
    const items = [5n, 1n, 9n, 3n].map((amountMinor, i) => ({ name: `n${i}`, amountMinor }));
    expect(topWithRest(items, 2, (amountMinor, count) => ({ name: `${count} others`, amountMinor }))).toEqual([
      { name: 'n2', amountMinor: 9n },
      { name: 'n0', amountMinor: 5n },
      { name: '2 others', amountMinor: 4n },
    ]);
    expect(topWithRest(items.slice(0, 2), 2, () => ({ name: 'x', amountMinor: 0n }))).toHaveLength(2);
  });
});
