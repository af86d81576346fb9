import { Contact, Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ApprovalStatusBadge } from '@/components/cards/status-badges';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listCardholders } from '@/lib/cardholders/queries';
import { displayName, displayPhone, isActiveCardStatus } from '@/lib/cardholders/rules';

export const metadata: Metadata = { title: 'Cardholders' };

function pageHref(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/cardholders${search ? `?${search}` : ''}`;
}

export default async function CardholdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('cardholders.view');
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.slice(0, 100) : '';
  const requested = typeof params.page === 'string' ? Number.parseInt(params.page, 10) || 1 : 1;
  const { rows, total, page, pageCount } = await listCardholders({ q, page: requested });
  const mayAssign = can(user.role, 'cards.assign');

  return (
    <>
      <PageHeader
        title="Cardholders"
        description="The employees who hold or will hold a corporate card, with their cards. Sparados users (Full API) are kept in step with Sparados when you edit them."
        actions={
          mayAssign ? (
            <Button asChild>
              <Link href="/cards/new">Assign a card</Link>
            </Button>
          ) : null
        }
      />
      <form role="search" method="get" action="/cardholders" className="mb-4 flex max-w-xl gap-2">
        <label htmlFor="cardholder-search" className="sr-only">
          Search cardholders
        </label>
        <div className="relative flex-1">
          <Search aria-hidden="true" className="pointer-events-none absolute top-3 left-3 h-4 w-4 text-slate-400" />
          <Input id="cardholder-search" type="search" name="q" defaultValue={q} placeholder="Name, e-mail or phone" className="pl-9" />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={Contact} title={q ? 'No cardholder matches' : 'No cardholders yet'}>
            {q ? 'Try another name, e-mail or phone number.' : 'Cardholders appear here when a card is assigned to them.'}
          </EmptyState>
        ) : (
          <Table>
            <TableCaption>Cardholders{q ? ` matching “${q}”` : ''}</TableCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Contact</TableHeaderCell>
                <TableHeaderCell>Cards</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((holder) => {
                const active = holder.cards.filter((c) => isActiveCardStatus(c.status)).length;
                return (
                  <TableRow key={holder.id} data-testid={`cardholder-row-${holder.email}`}>
                    <TableCell>
                      <Link href={`/cardholders/${holder.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                        {displayName(holder)}
                      </Link>
                      {holder.sparadosUserId ? (
                        <Badge tone="info" className="ml-2">
                          Sparados user
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <div>{holder.email}</div>
                      <div className="text-xs text-slate-500">{displayPhone(holder)}</div>
                    </TableCell>
                    <TableCell>
                      <div className="text-sm">
                        {holder.cards.length} card{holder.cards.length === 1 ? '' : 's'}
                        {active > 0 ? <span className="text-slate-500"> · {active} active</span> : null}
                      </div>
                      <ul className="mt-1 flex flex-wrap gap-1.5">
                        {holder.cards.slice(0, 3).map((card) => (
                          <li key={card.id}>
                            <Link href={`/cards/${card.id}`} className="inline-flex items-center gap-1 text-xs text-slate-700 hover:underline">
                              {card.description ?? 'Card'} <ApprovalStatusBadge status={card.status} />
                            </Link>
                          </li>
                        ))}
                        {holder.cards.length > 3 ? <li className="text-xs text-slate-500">+{holder.cards.length - 3} more</li> : null}
                      </ul>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Card>
      {pageCount > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-slate-600">
          <span>
            Page {page} of {pageCount} ({total} cardholders)
          </span>
          <span className="flex gap-2">
            {page > 1 ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={pageHref(q, page - 1)} rel="prev">
                  Previous
                </Link>
              </Button>
            ) : null}
            {page < pageCount ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={pageHref(q, page + 1)} rel="next">
                  Next
                </Link>
              </Button>
            ) : null}
          </span>
        </nav>
      ) : null}
    </>
  );
}
