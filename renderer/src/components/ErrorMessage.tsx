import type { ApiErrorBody } from '../../../shared/api';

interface Props {
  error: ApiErrorBody;
  /** Shown as a button when the action can simply be tried again. */
  onRetry?: () => void;
  /** "polite" for messages that follow typing (search), "assertive" for failed actions. */
  live?: 'polite' | 'assertive';
}

/** An error from the core, in the Italian text it already carries. */
export function ErrorMessage({ error, onRetry, live = 'assertive' }: Props) {
  return (
    <div
      className="notice notice-error"
      role={live === 'assertive' ? 'alert' : 'status'}
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
