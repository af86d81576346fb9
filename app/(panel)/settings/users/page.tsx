import { Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { InviteUserDialog } from '@/components/admin-users/invite-user-dialog';
import { UserActions } from '@/components/admin-users/user-actions';
import { PageHeader } from '@/components/shell/page-header';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { listAdminUsers, type AdminUserRow } from '@/lib/admin-users/queries';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Admin users' };

const STATUS = {
  ACTIVE: { label: 'Active', tone: 'success' },
  INVITED: { label: 'Invited', tone: 'warning' },
  DISABLED: { label: 'Disabled', tone: 'neutral' },
} as const satisfies Record<AdminUserRow['status'], { label: string; tone: BadgeTone }>;

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function when(date: Date | null): string {
  return date ? `${dateTime.format(date)} UTC` : 'Never';
}

export default async function AdminUsersPage() {
  const me = await requirePermission('users.manage');
  const users = await listAdminUsers();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/settings" className="underline hover:text-slate-900">
          Settings
        </Link>{' '}
        / Admin users
      </nav>
      <PageHeader
        title="Admin users"
        description="People who can sign in to this panel. Roles: Viewer reads, Operator assigns cards and raises budgets within its allowance, Approver answers requests and approves changes held for a second person, Admin manages users and settings."
        actions={<InviteUserDialog />}
      />
      <Card>
        {users.length === 0 ? (
          <EmptyState icon={Users} title="No admin users yet" />
        ) : (
          <Table>
            <TableCaption>Admin users</TableCaption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Last sign-in</TableHeaderCell>
                <TableHeaderCell className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.map((user) => (
                <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
                  <TableCell>
                    <div className="font-medium text-slate-900">
                      {user.name}
                      {user.id === me.id ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
                    </div>
                    <div className="text-xs text-slate-500">{user.email}</div>
                  </TableCell>
                  <TableCell>{ROLE_LABELS[user.role]}</TableCell>
                  <TableCell>
                    <Badge tone={STATUS[user.status].tone}>{STATUS[user.status].label}</Badge>
                    {user.twoFactorOn ? (
                      <Badge tone="info" className="ml-1">
                        Two-factor
                      </Badge>
                    ) : null}
                    {user.invitationExpiresAt ? (
                      <div className="mt-1 text-xs text-slate-500">Link valid until {when(user.invitationExpiresAt)}</div>
                    ) : null}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-slate-600">{when(user.lastLoginAt)}</TableCell>
                  <TableCell className="text-right">
                    <UserActions user={{ id: user.id, name: user.name, email: user.email, role: user.role, status: user.status, twoFactorOn: user.twoFactorOn }} isSelf={user.id === me.id} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
