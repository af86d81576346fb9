import { cn } from './cn';

const SIZES = { sm: 'h-4 w-4 border-2', md: 'h-6 w-6 border-2', lg: 'h-10 w-10 border-[3px]' } as const;

/** A spinning ring; `label` is announced to screen readers (null when the context already says it). */
export function Spinner({ size = 'md', label = 'Loading', className }: { size?: keyof typeof SIZES; label?: string | null; className?: string }) {
  return (
    <span role={label ? 'status' : undefined} className={cn('inline-flex items-center', className)}>
      <span aria-hidden="true" className={cn('animate-spin rounded-full border-current border-r-transparent', SIZES[size])} />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
