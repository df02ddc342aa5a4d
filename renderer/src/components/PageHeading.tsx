import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's h1. With `focusOnMount` it takes the focus when the page opens, so that keyboard
 * and screen-reader users start from the new page rather than from the link they used.
 */
export function PageHeading({ children, focusOnMount = false, id }: { children: ReactNode; focusOnMount?: boolean; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <h1 className="page-title" ref={ref} tabIndex={-1} id={id}>
      {children}
    </h1>
  );
}
