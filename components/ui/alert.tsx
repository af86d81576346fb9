import type { ComponentProps } from 'react';
import { ErrorCode } from '@/lib/errors';
import { cn } from './cn';

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  info: 'border-indigo-200 bg-indigo-50 text-indigo-800',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
} as const;

/**
 * A message box. Errors use role=alert (read out at once); other tones use role=status.
 * Render it empty-then-filled rather than mounting it with text, so announcements are reliable.
 */
export function Alert({ tone = 'info', className, ...props }: ComponentProps<'div'> & { tone?: keyof typeof TONES }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-md border px-4 py-3 text-sm empty:hidden', TONES[tone], className)}
      {...props}
    />
  );
}

/** An answer still being confirmed with Sparados is not a failure: it reads as a warning, not an error. */
export function failureTone(failure: { code: string } | null | undefined): 'error' | 'warning' {
  return failure?.code === ErrorCode.OUTCOME_PENDING ? 'warning' : 'error';
}
