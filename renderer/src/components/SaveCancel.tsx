interface Props {
  label: string;
  busy: boolean;
  testId: string;
  /** Without it there is nothing to go back to: the form has no "Annulla". */
  onCancel?: () => void;
  cancelTestId?: string;
}

/** The buttons closing an editing form: submit (busy-aware) and "Annulla". */
export function SaveCancel({ label, busy, testId, onCancel, cancelTestId }: Props) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" aria-disabled={busy} data-testid={testId}>
        {label}
      </button>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel} data-testid={cancelTestId}>
          Annulla
        </button>
      )}
    </div>
  );
}
