import { Landmark } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AssignForm } from '@/components/cards/assign-form';
import { PageHeader } from '@/components/shell/page-header';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { loadAssignPageData } from '@/lib/approvals/assign-context';
import { localDate } from '@/lib/approvals/validity';
import { requirePermission } from '@/lib/auth/session';
import { getCardholder } from '@/lib/cardholders/queries';
import { displayName, displayPhone } from '@/lib/cardholders/rules';

export const metadata: Metadata = { title: 'Assign a card' };

export default async function AssignCardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission('cards.assign');
  const params = await searchParams;
  const data = await loadAssignPageData();
  const holderId = typeof params.cardholderId === 'string' && /^[0-9a-f-]{36}$/i.test(params.cardholderId) ? params.cardholderId : null;
  const holder = holderId ? await getCardholder(holderId) : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/cards" className="underline hover:text-slate-900">
          Cards
        </Link>{' '}
        / Assign
      </nav>
      <PageHeader
        title="Assign a card"
        description="Give an employee a card with a budget, a validity period and limits. They receive an e-mail from Sparados and redeem it in the app; Full API users get the card at once."
        actions={
          <Link href="/cards/bulk" className="text-sm text-indigo-700 underline">
            Assign many from a CSV file
          </Link>
        }
      />
      {data.accounts.length === 0 ? (
        <Card>
          <EmptyState icon={Landmark} title="No account to assign cards on">
            Add the company’s Card Alias IDs in the <code>sparados.accounts</code> setting (or set SPARADOS_CARD_ALIAS_ID), as shown in the Sparados Corporate Panel under Accounts.
          </EmptyState>
        </Card>
      ) : (
        <AssignForm
          accounts={data.accounts}
          visuals={data.visuals}
          mccCategories={data.mccCategories}
          defaultTimezone={data.defaultTimezone}
          balances={data.balances}
          today={localDate(new Date(), data.defaultTimezone)}
          initialCardholder={
            holder && !holder.deletedAt
              ? { id: holder.id, label: displayName(holder), email: holder.email, phone: displayPhone(holder), sparadosUserId: holder.sparadosUserId }
              : null
          }
        />
      )}
    </>
  );
}
