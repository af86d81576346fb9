import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';

export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
  className,
}: {
  icon?: LucideIcon;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn('flex flex-col items-center justify-center gap-3 px-6 py-12 text-center', className)}>
      {Icon ? (
        <span className="rounded-full bg-slate-100 p-3 text-slate-500">
          <Icon aria-hidden="true" className="h-6 w-6" />
        </span>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children ? <div className="max-w-prose text-sm text-slate-600">{children}</div> : null}
      {action}
    </div>
  );
}
