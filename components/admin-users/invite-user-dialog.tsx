'use client';

import { UserPlus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { fieldError, type ActionResult } from '@/lib/actions';
import { inviteAdminUser } from '@/lib/admin-users/actions';
import { InviteLink } from './invite-link';
import { RoleField } from './role-field';

type Invited = { email: string; invitePath: string; expiresAt: string };

export function InviteUserDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ActionResult<Invited> | null>(null);
  const [pending, startTransition] = useTransition();

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) setResult(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await inviteAdminUser(form);
      setResult(outcome);
      if (outcome.ok) router.refresh();
    });
  }

  const invited = result?.ok ? result.data : null;
  const formError = result && !result.ok && result.code !== 'VALIDATION' && !result.fieldErrors.email ? result.message : null;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" className="h-4 w-4" />
          Invite user
        </Button>
      </DialogTrigger>
      <DialogContent title="Invite an admin user" description="They get a one-time link to choose their password.">
        {invited ? (
          <div className="space-y-4">
            <InviteLink path={invited.invitePath} email={invited.email} expiresAt={invited.expiresAt} />
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button variant="secondary">Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4">
            <Alert tone="error">{formError}</Alert>
            <Field label="Name" error={fieldError(result, 'name')}>
              <Input name="name" autoComplete="off" required maxLength={120} />
            </Field>
            <Field label="Email" error={fieldError(result, 'email')}>
              <Input name="email" type="email" autoComplete="off" required />
            </Field>
            <RoleField defaultRole="VIEWER" error={fieldError(result, 'role')} />
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" pending={pending}>
                Send invitation
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
