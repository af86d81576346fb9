import { TZDate } from '@date-fns/tz';

// Calendar periods of the dashboard in the display time zone: "this month" in Warsaw starts at
// 23:00 UTC on the last day of the month before (22:00 in summer). Client-safe and pure.

export interface MonthPeriods {
  /** First instant of this month. */
  thisMonthStart: Date;
  /** First instant of last month. */
  lastMonthStart: Date;
  /** The same moment one month back (clamped to last month's end): "last month to date" ends here. */
  lastMonthSameTime: Date;
  /** Local day (YYYY-MM-DD) of the first day of each month, for labels. */
  thisMonthLabel: string;
  lastMonthLabel: string;
}

function dayString(d: TZDate): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const instant = (d: TZDate) => new Date(d.getTime());

export function monthPeriods(now: Date, timeZone: string): MonthPeriods {
  const local = new TZDate(now.getTime(), timeZone);
  const year = local.getFullYear();
  const month = local.getMonth();
  const thisMonthStart = new TZDate(year, month, 1, timeZone);
  const lastMonthStart = new TZDate(year, month - 1, 1, timeZone);
  // 31 March → 28/29 February: the day is clamped to the last month's length, time of day kept.
  const lastMonthDays = new TZDate(year, month, 0, timeZone).getDate();
  const sameTime = new TZDate(year, month - 1, Math.min(local.getDate(), lastMonthDays), local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds(), timeZone);
  return {
    thisMonthStart: instant(thisMonthStart),
    lastMonthStart: instant(lastMonthStart),
    lastMonthSameTime: instant(sameTime),
    thisMonthLabel: dayString(thisMonthStart),
    lastMonthLabel: dayString(lastMonthStart),
  };
}

/** The local days ending with today, oldest first, and the instant the first one starts. */
export function lastDays(now: Date, timeZone: string, count: number): { days: string[]; from: Date } {
  const local = new TZDate(now.getTime(), timeZone);
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) days.push(dayString(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - i, timeZone)));
  const from = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - (count - 1), timeZone);
  return { days, from: instant(from) };
}

/** Sums per day for every day of `days` (zero where nothing was spent), in the days' order. */
export function fillDays(days: readonly string[], sums: ReadonlyArray<{ day: string; amountMinor: bigint }>): Array<{ day: string; amountMinor: bigint }> {
  const byDay = new Map<string, bigint>();
  for (const s of sums) byDay.set(s.day, (byDay.get(s.day) ?? 0n) + s.amountMinor);
  return days.map((day) => ({ day, amountMinor: byDay.get(day) ?? 0n }));
}

/**
 * The change from `before` to `now` as a whole percentage for the "vs last month" hint; null when there
 * is nothing to compare with (a percentage of zero means nothing).
 */
export function percentChange(now: bigint, before: bigint): number | null {
  if (before <= 0n) return null;
  return Number(((now - before) * 1000n) / before) / 10;
}
