import { AlertTriangle } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { dateTime } from '@/components/cards/format';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { percentChange } from '@/lib/dashboard/periods';
import type { AccountBalance, DashboardData } from '@/lib/dashboard/view-types';
import { formatMoney } from '@/lib/money';
import { declineReasonInfo } from '@/lib/transactions/decline-reasons';
import { DailySpendChart, HorizontalBars } from './charts';

// The finance dashboard: balances read from Sparados just now, what active cards may still spend
// against them, spend this month against last, where it went, and what needs attention.

function Tile({ title, value, children, href, testId }: { title: string; value: ReactNode; children?: ReactNode; href?: string; testId?: string }) {
  return (
    <Card className="flex flex-col px-5 py-4" data-testid={testId}>
      <p className="text-sm text-slate-600">{title}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{href ? <Link href={href} className="hover:underline">{value}</Link> : value}</p>
      {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
    </Card>
  );
}

function BalanceCard({ balance, timeZone }: { balance: AccountBalance; timeZone: string }) {
  const reading = balance.reading;
  const allocated = BigInt(balance.allocatedMinor);
  const available = reading ? BigInt(reading.availableMinor) : null;
  const share = available !== null && available > 0n ? Number((allocated * 1000n) / available) / 10 : null;
  return (
    <Card data-testid="balance" data-account={balance.cardAliasId}>
      <CardHeader>
        <div>
          <CardTitle>{balance.name}</CardTitle>
          <CardDescription>
            {balance.currency}
            {reading ? (
              <>
                {' · read '}
                <time dateTime={reading.readAt}>{dateTime(reading.readAt, timeZone)}</time>
                {reading.sparadosUpdatedAt ? `, changed ${dateTime(reading.sparadosUpdatedAt, timeZone)}` : ''}
              </>
            ) : null}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-3">
        {reading ? (
          <>
            <div>
              <p className="text-xs text-slate-500">Available</p>
              <p className={`text-2xl font-semibold tabular-nums ${reading.belowThreshold ? 'text-red-700' : 'text-slate-900'}`} data-testid="balance-available">
                {formatMoney(BigInt(reading.availableMinor), balance.currency)}
              </p>
              {reading.blockedMinor !== null ? <p className="text-xs text-slate-500">Blocked by pending payments: {formatMoney(BigInt(reading.blockedMinor), balance.currency)}</p> : null}
            </div>
            <div className="space-y-1">
              <p className="flex justify-between text-sm">
                <span className="text-slate-600">Allocated to active cards</span>
                <span className="font-medium tabular-nums" data-testid="balance-allocated">
                  {formatMoney(allocated, balance.currency)}
                </span>
              </p>
              <div className="h-2 rounded-full bg-slate-100" aria-hidden="true">
                <div className={`h-2 rounded-full ${share !== null && share > 100 ? 'bg-red-500' : 'bg-indigo-500'}`} style={{ width: `${Math.min(100, share ?? 0)}%` }} />
              </div>
              <p className="text-xs text-slate-500">
                {share === null
                  ? 'No balance to compare with.'
                  : share > 100
                    ? `Cards may spend ${share.toFixed(1)}% of the balance: more than the account holds.`
                    : `${share.toFixed(1)}% of the available balance is promised to active cards.`}
              </p>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">{balance.error}</p>
            <p className="text-sm text-slate-600">Allocated to active cards: {formatMoney(allocated, balance.currency)}</p>
          </>
        )}
      </CardContent>
    </Card>
  );
}

export function DashboardView({ data }: { data: DashboardData }) {
  const { spend } = data;
  const primary = spend.months.find((m) => m.currency === spend.primaryCurrency)!;
  const change = percentChange(BigInt(primary.thisMonthMinor), BigInt(primary.lastMonthToDateMinor));
  const low = data.balances.filter((b) => b.reading?.belowThreshold);
  return (
    <div className="space-y-6">
      {low.length ? (
        <div role="alert" className="flex gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="low-balance-alert">
          <AlertTriangle aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
          <div>
            {low.map((b) => (
              <p key={b.cardAliasId}>
                <strong>{b.name}</strong>: {formatMoney(BigInt(b.reading!.availableMinor), b.currency)} available, below the alert threshold of {formatMoney(BigInt(data.thresholdMinor), b.currency)}.
              </p>
            ))}
            <p className="mt-1">
              Fund the account through Sparados before cards start to be declined. <Link href="/settings" className="underline">Change the threshold</Link>
            </p>
          </div>
        </div>
      ) : null}
      <Alert tone="warning">{data.accountsError}</Alert>

      <section aria-label="Account balances" className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {data.balances.map((b) => (
          <BalanceCard key={b.cardAliasId} balance={b} timeZone={data.timeZone} />
        ))}
      </section>

      <section aria-label="Key figures" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Tile title="Spend this month" value={formatMoney(BigInt(primary.thisMonthMinor), primary.currency)} testId="spend-this-month">
          {change === null ? 'Nothing spent by this day last month.' : `${change >= 0 ? '+' : ''}${change.toFixed(1)}% against the same days last month`}
          <span className="block">Last month in all: {formatMoney(BigInt(primary.lastMonthMinor), primary.currency)}</span>
          {spend.months
            .filter((m) => m.currency !== primary.currency)
            .map((m) => (
              <span key={m.currency} className="block">
                Also {formatMoney(BigInt(m.thisMonthMinor), m.currency)} this month ({formatMoney(BigInt(m.lastMonthMinor), m.currency)} last month)
              </span>
            ))}
        </Tile>
        <Tile title="Change requests waiting" value={data.pendingRequests} href="/requests" testId="pending-requests">
          Cardholders asking for more budget or time.
        </Tile>
        <Tile title={`Cards ending within ${data.expiring.days} days`} value={data.expiring.count} href={`/cards?expiring=${data.expiring.days}`} testId="expiring-cards">
          {data.expiring.cards.length ? (
            <ul className="space-y-0.5">
              {data.expiring.cards.map((c) => (
                <li key={c.id} className="truncate">
                  <Link href={`/cards/${c.id}`} className="hover:underline">
                    {c.holder}
                  </Link>{' '}
                  · {dateTime(c.endDate, data.timeZone)}
                </li>
              ))}
            </ul>
          ) : (
            'None.'
          )}
        </Tile>
        <Tile title="Declines in the last 24 hours" value={data.declines24h.count} href="/transactions/declines?days=1" testId="declines-24h">
          {data.declines24h.byReason.length ? (
            <ul className="space-y-0.5">
              {data.declines24h.byReason.slice(0, 3).map((r) => (
                <li key={r.reason ?? 'none'}>
                  {declineReasonInfo(r.reason).title}: {r.count}
                </li>
              ))}
            </ul>
          ) : (
            'None.'
          )}
        </Tile>
      </section>

      <Card>
        <CardHeader>
          <div>
            <CardTitle>Spend over the last 30 days</CardTitle>
            <CardDescription>Pending and settled payments in {spend.primaryCurrency}, refunds subtracted, per day ({data.timeZone}).</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <DailySpendChart days={spend.daily} currency={spend.primaryCurrency} title="Spend per day" />
        </CardContent>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>This month by category</CardTitle>
              <CardDescription>Merchant categories as named in Settings.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <HorizontalBars
              items={spend.byCategory.map((c) => ({ ...c, href: c.key === 'other' ? undefined : `/transactions?category=${c.key}&from=${spend.thisMonthLabel}` }))}
              currency={spend.primaryCurrency}
              label="Spend by category"
              empty="No spend this month yet."
              testId="spend-by-category"
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>This month by cardholder</CardTitle>
              <CardDescription>The biggest spenders first.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <HorizontalBars
              items={spend.byCardholder.map((h) => ({ key: h.holderId ?? h.name, label: h.name, amountMinor: h.amountMinor, href: h.holderId ? `/transactions?holder=${h.holderId}&from=${spend.thisMonthLabel}` : undefined }))}
              currency={spend.primaryCurrency}
              label="Spend by cardholder"
              empty="No spend this month yet."
              testId="spend-by-cardholder"
            />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
