import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** Styles the confirm button as a destructive action. */
  danger?: boolean;
  testId: string;
  confirmTestId: string;
  cancelTestId: string;
}

/**
 * A modal question before an action that cannot be taken back lightly. Focus starts on the safe
 * answer; Esc answers no.
 */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel, busy = false, danger = false, testId, confirmTestId, cancelTestId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (!busy) onCancel();
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 className="dialog-title" id={`${testId}-title`}>
        {title}
      </h2>
      {children}
      <div className="dialog-actions">
        <button
          type="button"
          className={danger ? 'button button-primary button-primary-danger' : 'button button-primary'}
          onClick={() => {
            if (!busy) onConfirm();
          }}
          aria-disabled={busy}
          data-testid={confirmTestId}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy} data-testid={cancelTestId} autoFocus>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
