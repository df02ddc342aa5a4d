import { useEffect, useRef } from 'react';
import type { ApiErrorBody } from '../../../shared/api';

interface Props {
  error: ApiErrorBody;
  /** Shown as a button when the action can simply be tried again. */
  onRetry?: () => void;
  /** "polite" for messages that follow typing (search), "assertive" for failed actions. */
  live?: 'polite' | 'assertive';
  /** Scroll the message into view and give it the focus: the control that failed may be gone or disabled. */
  reveal?: boolean;
}

/** An error from the core, in the Italian text it already carries. */
export function ErrorMessage({ error, onRetry, live = 'assertive', reveal = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!reveal) return;
    ref.current?.scrollIntoView({ block: 'nearest' });
    ref.current?.focus({ preventScroll: true });
  }, [reveal, error]);
  return (
    <div
      ref={ref}
      className="notice notice-error"
      role={live === 'assertive' ? 'alert' : 'status'}
      tabIndex={reveal ? -1 : undefined}
      data-testid="error-message"
      data-code={error.code}
    >
      <p className="notice-text">{error.message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Riprova
        </button>
      )}
    </div>
  );
}
