// How the audit log prints times. Pure and deterministic (fixed locale, explicit zone and "now"),
// so the server render and any re-render agree.

const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

/** "21 Nov 2026, 11:05:09" in the zone. Seconds shown: entries often come seconds apart. */
export function absoluteTime(at: Date, timeZone: string): string {
  let format = absoluteFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone });
    absoluteFormats.set(timeZone, format);
  }
  return format.format(at);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "just now", "5 minutes ago", "yesterday", "3 months ago"; "in 2 minutes" for a clock ahead. */
export function relativeTime(at: Date, now: Date): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  let value = seconds;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(value, unit);
    // Days to months: 30-day months are close enough for "how long ago".
    value = Math.trunc(value / size);
  }
  return relative.format(value, 'year');
}
