import Link from 'next/link';
import { axisTicks, scaleBars } from '@/lib/dashboard/chart';
import { formatMinorAsInput, formatMoney } from '@/lib/money';

// Plain SVG and HTML bars, drawn on the server (docs/decisions/093): no chart library, nothing to
// hydrate. Each chart carries a text equivalent (a visually hidden table) for screen readers.

const compact = new Map<string, Intl.NumberFormat>();

/** "12.5K zł" style labels for axes; exact amounts stay in the tables and tooltips. */
function axisLabel(minor: bigint, currency: string): string {
  let nf = compact.get(currency);
  if (!nf) {
    nf = new Intl.NumberFormat('en-GB', { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    compact.set(currency, nf);
  }
  // The exact decimal string, as formatMoney does: no float ever holds the amount.
  return nf.format(formatMinorAsInput(minor, currency) as Intl.StringNumericLiteral);
}

export function DailySpendChart({ days, currency, title }: { days: Array<{ day: string; amountMinor: string }>; currency: string; title: string }) {
  const { max, bars } = scaleBars(days, (d) => BigInt(d.amountMinor));
  const ticks = axisTicks(max);
  const width = 640;
  const height = 200;
  const left = 56;
  const bottom = 22;
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const step = plotW / Math.max(1, days.length);
  const total = days.reduce((s, d) => s + BigInt(d.amountMinor), 0n);
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`${title}: ${formatMoney(total, currency)} over ${days.length} days`}>
        {ticks.map((tick) => {
          const y = 8 + plotH - (max > 0n ? Number((tick * 1000n) / max) / 1000 : 0) * plotH;
          return (
            <g key={tick.toString()}>
              <line x1={left} x2={width - 8} y1={y} y2={y} stroke="#e2e8f0" strokeWidth={1} />
              <text x={left - 6} y={y + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
                {axisLabel(tick, currency)}
              </text>
            </g>
          );
        })}
        {bars.map(({ item, percent }, i) => {
          const h = (percent / 100) * plotH;
          const x = left + i * step + step * 0.15;
          return (
            <g key={item.day}>
              <rect x={x} y={8 + plotH - h} width={step * 0.7} height={Math.max(h, 0)} rx={2} className="fill-indigo-500">
                <title>{`${item.day}: ${formatMoney(BigInt(item.amountMinor), currency)}`}</title>
              </rect>
              {i % 5 === 0 || i === days.length - 1 ? (
                <text x={x + step * 0.35} y={height - 6} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {item.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Spend</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{formatMoney(BigInt(d.amountMinor), currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function HorizontalBars({ items, currency, label, empty, testId }: { items: Array<{ key: string; label: string; amountMinor: string; href?: string }>; currency: string; label: string; empty: string; testId?: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  const { bars } = scaleBars(items, (i) => BigInt(i.amountMinor));
  return (
    <ul className="space-y-2" aria-label={label} data-testid={testId}>
      {bars.map(({ item, percent }) => (
        <li key={item.key} className="space-y-1">
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="truncate text-slate-800">{item.href ? (
                <Link href={item.href} className="hover:underline">
                  {item.label}
                </Link>
              ) : (
                item.label
              )}</span>
            <span className="shrink-0 font-medium text-slate-900 tabular-nums">{formatMoney(BigInt(item.amountMinor), currency)}</span>
          </div>
          <div className="h-2 rounded-full bg-slate-100" aria-hidden="true">
            <div className="h-2 rounded-full bg-indigo-500" style={{ width: `${percent}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
