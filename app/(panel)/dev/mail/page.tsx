import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { dateTime } from '@/components/cards/format';
import { requirePermission } from '@/lib/auth/session';
import { devMailAvailable, readDevMail } from '@/lib/dev-mail/read';
import { getSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Development mail' };

// Development only: what the e-mail notifier sent into the local mail sink (npm run dev starts it).

export default async function DevMailPage() {
  await requirePermission('settings.view');
  if (!devMailAvailable()) notFound();
  const [result, settings] = await Promise.all([readDevMail(), getSettings()]);
  const timeZone = settings['display.timezone'];
  return (
    <>
      <PageHeader
        title="Development mail"
        description="Messages the panel sent by e-mail (codes for cardholders) into the local mail sink. Only in development against the sandbox; nothing here left this machine."
      />
      <p className="mb-4 text-sm">
        <Link href="/dev/mail" className="underline">
          Reload
        </Link>
      </p>
      {!result.ok ? (
        <Alert tone="error">{result.message}</Alert>
      ) : result.mails.length === 0 ? (
        <EmptyState title="No mail yet">Send a 3-D Secure code from the sandbox (POST /_sandbox/webhooks/3ds-otp) and reload.</EmptyState>
      ) : (
        <ol className="space-y-4" aria-label="Mail">
          {result.mails.map((mail) => (
            <li key={mail.id}>
              <Card data-testid="dev-mail">
                <CardHeader>
                  <div>
                    <CardTitle>{mail.subject || '(no subject)'}</CardTitle>
                    <p className="mt-1 text-sm text-slate-600">
                      To {mail.to.join(', ')} · from {mail.from} · <time dateTime={mail.at}>{dateTime(mail.at, timeZone)}</time>
                    </p>
                  </div>
                </CardHeader>
                <CardContent>
                  <pre className="text-sm whitespace-pre-wrap text-slate-800">{mail.text}</pre>
                </CardContent>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
