import type { ReactNode } from 'react';

/**
 * A box that scrolls a table holding nothing focusable: it takes the focus itself (Tab, then the
 * arrow keys scroll it), named for screen readers.
 */
export function ScrollRegion({ label, className = '', testId, children }: { label: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <div className={`table-scroll ${className}`.trim()} tabIndex={0} role="region" aria-label={label} data-testid={testId}>
      {children}
    </div>
  );
}
