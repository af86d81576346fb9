import { CreditCard } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CardholderEditForm } from '@/components/cardholders/cardholder-edit-form';
import { DeleteCardholder } from '@/components/cardholders/delete-cardholder';
import { ApprovalStatusBadge, CardStatusBadge } from '@/components/cards/status-badges';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { getAccountsConfig } from '@/lib/accounts/queries';
import { localDate } from '@/lib/approvals/validity';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getCardholder } from '@/lib/cardholders/queries';
import { deleteRefusal, displayName, displayPhone } from '@/lib/cardholders/rules';
import { formatMoney } from '@/lib/money';
import { getSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Cardholder' };

export default async function CardholderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission('cardholders.view');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const holder = await getCardholder(id);
  if (!holder) notFound();
  const [accounts, settings] = await Promise.all([getAccountsConfig().catch(() => null), getSettings()]);
  const currencyOf = (alias: string | null) => accounts?.accounts.find((a) => a.cardAliasId === alias)?.currency ?? null;
  const zone = settings['display.timezone'];
  const mayManage = can(user.role, 'cardholders.manage') && !holder.deletedAt;
  const name = displayName(holder);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/cardholders" className="underline hover:text-slate-900">
          Cardholders
        </Link>{' '}
        / {name}
      </nav>
      <PageHeader
        title={name}
        description={
          <>
            {holder.email}
            {displayPhone(holder) ? ` · ${displayPhone(holder)}` : ''}
            {holder.sparadosUserId ? (
              <Badge tone="info" className="ml-2">
                Sparados user {holder.sparadosUserId}
              </Badge>
            ) : null}
            {holder.deletedAt ? (
              <Badge tone="neutral" className="ml-2">
                Deleted
              </Badge>
            ) : null}
          </>
        }
        actions={
          <>
            {can(user.role, 'cards.assign') && !holder.deletedAt ? (
              <Button asChild>
                <Link href={`/cards/new?cardholderId=${holder.id}`}>Assign a card</Link>
              </Button>
            ) : null}
            {mayManage ? <DeleteCardholder cardholderId={holder.id} name={name} refusal={deleteRefusal(holder.cards)} sparadosUser={holder.sparadosUserId !== null} /> : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <CardHeader>
            <CardTitle>Cards</CardTitle>
          </CardHeader>
          {holder.cards.length === 0 ? (
            <EmptyState icon={CreditCard} title="No cards yet" />
          ) : (
            <Table>
              <TableCaption>Cards of {name}</TableCaption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Card</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Budget / spent</TableHeaderCell>
                  <TableHeaderCell>Valid until</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {holder.cards.map((card) => {
                  const currency = currencyOf(card.cardAliasId);
                  const show = (minor: bigint | null) => (minor === null ? '—' : currency ? formatMoney(minor, currency) : minor.toString());
                  return (
                    <TableRow key={card.id}>
                      <TableCell>
                        <Link href={`/cards/${card.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                          {card.description ?? 'Card'}
                        </Link>
                        {card.approvalId ? <div className="font-mono text-xs text-slate-500">{card.approvalId}</div> : null}
                      </TableCell>
                      <TableCell>
                        <div className="flex flex-wrap gap-1">
                          <ApprovalStatusBadge status={card.status} />
                          <CardStatusBadge status={card.status} cardStatus={card.cardStatus} />
                        </div>
                      </TableCell>
                      <TableCell className="whitespace-nowrap">
                        {show(card.budgetMinor)} / {card.budgetMinor !== null && card.spentMinor === null ? 'unknown' : show(card.spentMinor)}
                      </TableCell>
                      <TableCell className="whitespace-nowrap">{card.endDate ? localDate(card.endDate, zone) : '—'}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Contact data</CardTitle>
          </CardHeader>
          <CardContent>
            {mayManage ? (
              <CardholderEditForm
                cardholderId={holder.id}
                fullApi={holder.sparadosUserId !== null}
                initial={{
                  email: holder.email,
                  phonePrefix: holder.phonePrefix,
                  phoneNumber: holder.phoneNumber,
                  firstName: holder.firstName ?? '',
                  lastName: holder.lastName ?? '',
                  birthDate: holder.birthDate ? holder.birthDate.toISOString().slice(0, 10) : '',
                  nationality: holder.nationality ?? '',
                }}
              />
            ) : (
              <dl className="space-y-2 text-sm">
                <div>
                  <dt className="text-slate-500">E-mail</dt>
                  <dd>{holder.email}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Phone</dt>
                  <dd>{displayPhone(holder) || '—'}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Date of birth</dt>
                  <dd>{holder.birthDate ? holder.birthDate.toISOString().slice(0, 10) : '—'}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Nationality</dt>
                  <dd>{holder.nationality ?? '—'}</dd>
                </div>
              </dl>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
