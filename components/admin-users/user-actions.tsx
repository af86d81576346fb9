'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import type { ActionResult } from '@/lib/actions';
import { changeAdminUserRole, renewInvitation, setAdminUserStatus } from '@/lib/admin-users/actions';
import { resetTwoFactor } from '@/lib/auth/two-factor/actions';
import type { Role } from '@/lib/auth/permissions';
import { InviteLink } from './invite-link';
import { RoleField } from './role-field';

interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: 'INVITED' | 'ACTIVE' | 'DISABLED';
  twoFactorOn: boolean;
}

/** Runs one action, keeps its result for the dialog, refreshes the page on success. */
function useAction<T>() {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (call: () => Promise<ActionResult<T>>, onSuccess?: () => void) =>
    startTransition(async () => {
      const outcome = await call();
      setResult(outcome);
      if (outcome.ok) {
        onSuccess?.();
        router.refresh();
      }
    });
  return { result, pending, run, reset: () => setResult(null) };
}

function ChangeRole({ user }: { user: UserSummary }) {
  const [open, setOpen] = useState(false);
  const action = useAction<unknown>();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = new FormData(event.currentTarget).get('role') as Role;
    action.run(() => changeAdminUserRole({ userId: user.id, role }), () => setOpen(false));
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        action.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Change role of ${user.name}`}>
          Change role
        </Button>
      </DialogTrigger>
      <DialogContent title={`Change role of ${user.name}`} description="Their open sessions end; they sign in again with the new role.">
        <form onSubmit={onSubmit} className="space-y-4">
          <Alert tone="error">{action.result && !action.result.ok ? action.result.message : null}</Alert>
          <RoleField defaultRole={user.role} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={action.pending}>
              Save role
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** A yes/no dialog for one action on one user: the trigger, what will happen, the error, the buttons. */
function ConfirmUserAction({
  trigger,
  title,
  description,
  confirm,
  danger,
  call,
}: {
  trigger: { label: string; ariaLabel: string; variant: 'ghost' | 'secondary' };
  title: string;
  description: string;
  confirm: string;
  danger: boolean;
  call: () => Promise<ActionResult<unknown>>;
}) {
  const [open, setOpen] = useState(false);
  const action = useAction<unknown>();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        action.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant={trigger.variant} size="sm" aria-label={trigger.ariaLabel}>
          {trigger.label}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <div className="space-y-4">
          <Alert tone="error">{action.result && !action.result.ok ? action.result.message : null}</Alert>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant={danger ? 'danger' : 'primary'} pending={action.pending} onClick={() => action.run(call, () => setOpen(false))}>
              {confirm}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}

function ToggleStatus({ user }: { user: UserSummary }) {
  const disabling = user.status !== 'DISABLED';
  const verb = disabling ? 'Disable' : 'Enable';
  return (
    <ConfirmUserAction
      trigger={{ label: verb, ariaLabel: `${verb} ${user.name}`, variant: disabling ? 'ghost' : 'secondary' }}
      title={`${verb} ${user.name}?`}
      description={
        disabling
          ? 'They are signed out at once and cannot sign in until enabled again. Nothing they did is removed.'
          : 'They can sign in again with their existing password or single sign-on.'
      }
      confirm={`${verb} user`}
      danger={disabling}
      call={() => setAdminUserStatus({ userId: user.id, status: disabling ? 'DISABLED' : 'ACTIVE' })}
    />
  );
}

function ResetTwoFactor({ user }: { user: UserSummary }) {
  return (
    <ConfirmUserAction
      trigger={{ label: 'Reset two-factor', ariaLabel: `Reset two-factor sign-in of ${user.name}`, variant: 'ghost' }}
      title={`Reset two-factor sign-in of ${user.name}?`}
      description="For a lost phone: their authenticator app and recovery codes stop working and their sessions end. They set up an app again at their next sign-in. Make sure it is really them asking."
      confirm="Reset two-factor"
      danger
      call={() => resetTwoFactor({ userId: user.id })}
    />
  );
}

function NewInviteLink({ user }: { user: UserSummary }) {
  const action = useAction<{ invitePath: string; email: string; expiresAt: string }>();
  return (
    <Dialog onOpenChange={() => action.reset()}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`New invitation link for ${user.name}`}>
          New link
        </Button>
      </DialogTrigger>
      <DialogContent title={`New invitation link for ${user.name}`} description="Links sent before stop working.">
        {action.result?.ok ? (
          <InviteLink path={action.result.data.invitePath} email={action.result.data.email} expiresAt={action.result.data.expiresAt} />
        ) : (
          <div className="space-y-4">
            <Alert tone="error">{action.result && !action.result.ok ? action.result.message : null}</Alert>
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button pending={action.pending} onClick={() => action.run(() => renewInvitation({ userId: user.id }))}>
                Make new link
              </Button>
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function UserActions({ user, isSelf }: { user: UserSummary; isSelf: boolean }) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <ChangeRole user={user} />
      {user.status === 'INVITED' ? <NewInviteLink user={user} /> : null}
      {user.twoFactorOn && !isSelf ? <ResetTwoFactor user={user} /> : null}
      {isSelf ? null : <ToggleStatus user={user} />}
    </div>
  );
}
