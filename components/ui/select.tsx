import type { ComponentProps } from 'react';
import { cn } from './cn';
import { fieldControlClasses } from './input';

/** The native select: keyboard, screen-reader and mobile behaviour come for free. */
export function Select({ className, children, ...props }: ComponentProps<'select'>) {
  return (
    <select className={cn(fieldControlClasses, 'h-10 pr-8', className)} {...props}>
      {children}
    </select>
  );
}
