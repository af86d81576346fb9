import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvitationForm } from '@/components/auth/accept-invitation-form';
import { Card, CardContent } from '@/components/ui/card';
import { findInvitation } from '@/lib/admin-users/queries';

export const metadata: Metadata = { title: 'Join the panel', robots: { index: false } };

const PROBLEMS = {
  expired: 'This invitation link has expired. Ask an admin for a new one.',
  used: 'This invitation link has already been used or withdrawn.',
  unknown: 'This invitation link is not valid. Check that you copied all of it, or ask an admin for a new one.',
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(token);
  return (
    <Card>
      <CardContent className="space-y-5 py-6">
        <h1 className="text-xl font-semibold text-slate-900">Join the Sparados panel</h1>
        {invitation.state === 'valid' ? (
          <>
            <p className="text-sm text-slate-600">
              Welcome, {invitation.name}. Choose a password for <strong className="font-medium text-slate-900">{invitation.email}</strong>.
            </p>
            <AcceptInvitationForm token={token} email={invitation.email} />
          </>
        ) : (
          <>
            <p role="alert" className="text-sm text-slate-700">
              {PROBLEMS[invitation.state]}
            </p>
            <Link href="/sign-in" className="text-sm font-medium text-indigo-700 underline">
              Go to sign-in
            </Link>
          </>
        )}
      </CardContent>
    </Card>
  );
}
