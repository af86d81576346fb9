import { ShieldBan } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PERMISSIONS, ROLE_LABELS, type Permission } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'No access' };

function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

export default async function NoAccessPage({ searchParams }: { searchParams: Promise<{ permission?: string }> }) {
  const user = await requireUser();
  const { permission } = await searchParams;
  const needed = isPermission(permission) ? ROLE_LABELS[PERMISSIONS[permission]] : null;
  return (
    <Card>
      <EmptyState
        icon={ShieldBan}
        title="You do not have access to this page"
        action={
          <Link href="/" className="text-sm font-medium text-indigo-700 underline">
            Back to the dashboard
          </Link>
        }
      >
        <p>
          Your role is {ROLE_LABELS[user.role]}.{needed ? ` This page needs ${needed} or higher.` : ''} Ask an admin if you need it.
        </p>
      </EmptyState>
    </Card>
  );
}
