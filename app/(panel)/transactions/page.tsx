import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Transactions' };

export default async function TransactionsPage() {
  await requirePermission('transactions.view');
  return (
    <>
      <PageHeader title="Transactions" description="Card transactions mirrored from Sparados for fast search." />
      <ComingSoon
        items={[
          'Search transactions by card, cardholder, merchant, amount and date',
          'See authorizations, settlements, reversals and declines with their reasons',
          'Export the filtered list',
        ]}
      />
    </>
  );
}
