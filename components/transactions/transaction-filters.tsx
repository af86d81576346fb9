import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { DECLINE_REASONS, DECLINE_REASON_INFO } from '@/lib/transactions/decline-reasons';
import { KNOWN_TRANSACTION_TYPES, activeFilterCount, transactionSearch, type TransactionListQuery } from '@/lib/transactions/filters';

// A plain GET form: the filters land in the URL (shareable, reload-safe) and work without JavaScript.
// Any change starts again at the newest transaction (no cursor is carried over); the tab and the
// card or cardholder picked elsewhere ride along as hidden fields and show as removable chips.

const TYPE_LABELS: Record<string, string> = { PURCHASE: 'Purchase', WITHDRAWAL: 'Cash withdrawal', REFUND: 'Refund', PAYMENT: 'Payment', FEE: 'Fee' };
const CURRENCIES = ['EUR', 'PLN', 'USD', 'GBP', 'CHF', 'CZK', 'SEK', 'NOK', 'DKK', 'HUF', 'JPY'];

export interface FilterChip {
  label: string;
  /** The list without this filter. */
  href: string;
}

export function TransactionFilters({
  query,
  categories,
  amountCurrency,
  amountErrors,
  chips,
}: {
  query: TransactionListQuery;
  categories: Array<{ key: string; label: string }>;
  /** Currency the amount bounds are read in when no currency filter is set. */
  amountCurrency: string;
  amountErrors: Partial<Record<'min' | 'max', string>>;
  chips: FilterChip[];
}) {
  const typeValue = query.types.join(',');
  const count = activeFilterCount(query);
  return (
    <form method="get" action="/transactions" role="search" aria-label="Filter transactions" className="mb-4 space-y-3">
      {query.tab !== 'all' ? <input type="hidden" name="tab" value={query.tab} /> : null}
      {query.card ? <input type="hidden" name="card" value={query.card} /> : null}
      {query.holder ? <input type="hidden" name="holder" value={query.holder} /> : null}
      {query.size !== 50 ? <input type="hidden" name="size" value={query.size} /> : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
        <div className="space-y-1.5">
          <Label htmlFor="tx-from">From</Label>
          <Input id="tx-from" name="from" type="date" defaultValue={query.from ?? ''} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-to">To</Label>
          <Input id="tx-to" name="to" type="date" defaultValue={query.to ?? ''} />
        </div>
        <div className="col-span-2 space-y-1.5">
          <Label htmlFor="tx-who">Cardholder or card</Label>
          <Input id="tx-who" name="who" type="search" defaultValue={query.who} placeholder="Name, e-mail, phone, description or last 4 digits" />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-merchant">Merchant</Label>
          <Input id="tx-merchant" name="merchant" type="search" defaultValue={query.merchant} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-mm">Merchant match</Label>
          <Select id="tx-mm" name="mm" defaultValue={query.merchantMatch}>
            <option value="contains">Contains</option>
            <option value="prefix">Starts with</option>
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-category">Merchant category</Label>
          <Select id="tx-category" name="category" defaultValue={query.category ?? ''}>
            <option value="">Any category</option>
            {categories.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-type">Type</Label>
          <Select id="tx-type" name="type" defaultValue={typeValue}>
            <option value="">Any type</option>
            {KNOWN_TRANSACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t] ?? t}
              </option>
            ))}
            {typeValue && !(KNOWN_TRANSACTION_TYPES as readonly string[]).includes(typeValue) ? <option value={typeValue}>{query.types.join(', ')}</option> : null}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-currency">Paid in</Label>
          <Input id="tx-currency" name="currency" list="tx-currencies" maxLength={3} defaultValue={query.currency ?? ''} placeholder="Any currency" autoComplete="off" />
          <datalist id="tx-currencies">
            {CURRENCIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-min">Amount from ({query.currency ?? amountCurrency})</Label>
          <Input id="tx-min" name="min" inputMode="decimal" autoComplete="off" defaultValue={query.min} aria-invalid={amountErrors.min ? true : undefined} aria-describedby={amountErrors.min ? 'tx-min-error' : undefined} />
          {amountErrors.min ? (
            <p id="tx-min-error" className="text-sm text-red-700">
              {amountErrors.min}
            </p>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-max">Amount to ({query.currency ?? amountCurrency})</Label>
          <Input id="tx-max" name="max" inputMode="decimal" autoComplete="off" defaultValue={query.max} aria-invalid={amountErrors.max ? true : undefined} aria-describedby={amountErrors.max ? 'tx-max-error' : undefined} />
          {amountErrors.max ? (
            <p id="tx-max-error" className="text-sm text-red-700">
              {amountErrors.max}
            </p>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="tx-reason">Decline reason</Label>
          <Select id="tx-reason" name="reason" defaultValue={query.reason ?? ''}>
            <option value="">Any</option>
            {DECLINE_REASONS.map((r) => (
              <option key={r} value={r}>
                {DECLINE_REASON_INFO[r].title}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit">Apply</Button>
          {count > 0 ? (
            <Button variant="ghost" asChild>
              <Link href={`/transactions${transactionSearch({ tab: query.tab, size: query.size })}`}>Clear</Link>
            </Button>
          ) : null}
        </div>
      </div>
      {chips.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Applied filters">
          {chips.map((chip) => (
            <li key={chip.label}>
              <Link
                href={chip.href}
                className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-3 py-1 text-sm text-indigo-800 ring-1 ring-indigo-200 hover:bg-indigo-100"
                aria-label={`Remove filter: ${chip.label}`}
              >
                {chip.label} <span aria-hidden="true">×</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
