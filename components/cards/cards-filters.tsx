import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { CARD_SORTS, CARD_SORT_LABELS, DEFAULT_DIRECTION, PAGE_SIZES, type CardListQuery } from '@/lib/approvals/list-params';
import { APPROVAL_STATUSES, CARD_STATUS_LABELS, STATUS_LABELS } from '@/lib/approvals/state-machine';

// A plain GET form: the filters land in the URL (shareable, reload-safe) and work without JavaScript.
// Any change starts again from the first page (no cursor is carried over).

const EXPIRING = [7, 14, 30, 60, 90];

export function CardsFilters({ query, accounts, tags }: { query: CardListQuery; accounts: Array<{ id: string; name: string; currency: string }>; tags: string[] }) {
  return (
    // Columns follow the width the form actually gets (a container query: the sidebar takes its share
    // on wide screens), so every select stays wide enough to read its value. Search and account span
    // two columns, which fills each row at 2, 3, 4 and 6 columns.
    <div className="@container mb-4">
      <form method="get" action="/cards" role="search" aria-label="Filter cards" className="grid grid-cols-1 gap-3 @lg:grid-cols-2 @2xl:grid-cols-3 @4xl:grid-cols-4 @6xl:grid-cols-6">
        <div className="space-y-1.5 @lg:col-span-2">
          <Label htmlFor="cards-q">Search</Label>
          <Input id="cards-q" name="q" type="search" defaultValue={query.q} placeholder="Name, e-mail, phone, description" />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="cards-status">Status</Label>
          <Select id="cards-status" name="status" defaultValue={query.status.join(',')}>
            <option value="">Any status</option>
            <option value="ACCEPTED,PREPARED,DELIVERED,CREATED">Live (not ended)</option>
            {APPROVAL_STATUSES.filter((s) => s !== 'UNKNOWN').map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
            {query.status.length > 1 && !['ACCEPTED,PREPARED,DELIVERED,CREATED'].includes(query.status.join(',')) ? <option value={query.status.join(',')}>{query.status.map((s) => STATUS_LABELS[s]).join(', ')}</option> : null}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="cards-card">Card</Label>
          <Select id="cards-card" name="card" defaultValue={query.cardStatus ?? ''}>
            <option value="">Any</option>
            <option value="ACTIVE">{CARD_STATUS_LABELS.ACTIVE}</option>
            <option value="LOCKED">{CARD_STATUS_LABELS.LOCKED}</option>
          </Select>
        </div>
        <div className="space-y-1.5 @lg:col-span-2">
          <Label htmlFor="cards-account">Account</Label>
          <Select id="cards-account" name="account" defaultValue={query.account ?? ''}>
            <option value="">Any account</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.currency})
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="cards-tag">Tag</Label>
          <Input id="cards-tag" name="tag" list="cards-tags" defaultValue={query.tag ?? ''} />
          <datalist id="cards-tags">
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="cards-expiring">Ends within</Label>
          <Select id="cards-expiring" name="expiring" defaultValue={query.expiringDays ? String(query.expiringDays) : ''}>
            <option value="">Any time</option>
            {[...new Set([...EXPIRING, ...(query.expiringDays ? [query.expiringDays] : [])])].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="cards-sort">Sort by</Label>
          <Select id="cards-sort" name="sort" defaultValue={query.sort}>
            {CARD_SORTS.map((s) => (
              <option key={s} value={s}>
                {CARD_SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="cards-dir">Order</Label>
          <Select id="cards-dir" name="dir" defaultValue={query.dir === DEFAULT_DIRECTION[query.sort] ? '' : query.dir}>
            <option value="">Default</option>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="cards-size">Per page</Label>
          <Select id="cards-size" name="size" defaultValue={String(query.size)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit">Apply</Button>
          <Button variant="ghost" asChild>
            <Link href="/cards">Clear</Link>
          </Button>
        </div>
      </form>
    </div>
  );
}
