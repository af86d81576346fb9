import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CardDetailView } from '@/components/cards/card-detail';
import { PageHeader } from '@/components/shell/page-header';
import { getCardDetail, getCardEditSupport } from '@/lib/approvals/queries';
import { requirePermission } from '@/lib/auth/session';
import { roleAtLeast } from '@/lib/auth/permissions';
import { getRevealRole } from '@/lib/card-details/reveal-role';
import { db } from '@/lib/db';
import { getContractType } from '@/lib/sparados/contract';
import { aloneLimitForCard } from '@/lib/budgets/queries';
import { CardTransactions } from '@/components/transactions/card-transactions';
import { parseCardFix } from '@/lib/transactions/decline-reasons';

export const metadata: Metadata = { title: 'Card' };

export default async function CardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('cards.view');
  const { id } = await params;
  const [card, support, aloneLimit, revealRole, contract] = await Promise.all([getCardDetail(id), getCardEditSupport(), aloneLimitForCard(user, id), getRevealRole(db), getContractType()]);
  if (!card) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/cards" className="underline hover:text-slate-900">
          Cards
        </Link>{' '}
        / {card.holder.name}
      </nav>
      <PageHeader title={`Card of ${card.holder.name}`} description="One card across its reapprovals: its place in the lifecycle, what can be done now, its rules and everything that happened to it." />
      <CardDetailView initial={card} role={user.role} timezone={support.timezone} edit={{ mccCategories: support.mccCategories, visuals: support.visuals }} fix={parseCardFix(await searchParams)} aloneLimit={aloneLimit} canReveal={contract === 'FULL' && roleAtLeast(user.role, revealRole)} />
      <div className="mt-6">
        <CardTransactions cardId={card.id} role={user.role} />
      </div>
    </>
  );
}
