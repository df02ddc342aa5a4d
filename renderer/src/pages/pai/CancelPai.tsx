import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useMutation } from '../../useMutation';

/** The MMG ends a PAI before its time (disenrollment, transfer to another Gestore), saying why. */
export function CancelPai({ paiId, onCancelled }: { paiId: number; onCancelled: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useMutation('pai.cancel');
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="pai-cancel">
        Annulla il PAI…
      </button>
    );
  }
  const submit = async () => {
    if (await cancel.run({ id: paiId, reason })) onCancelled();
  };
  return (
    <form
      className="pai-cancel"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor="pai-cancel-reason">Motivo dell'annullamento</label>
        <textarea id="pai-cancel-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} autoFocus data-testid="pai-cancel-reason" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-danger" aria-disabled={cancel.busy} data-testid="pai-cancel-confirm">
          {cancel.busy ? 'Annullamento…' : 'Conferma l\'annullamento'}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Lascia il PAI attivo
        </button>
      </div>
      {cancel.error && <ErrorMessage error={cancel.error} reveal />}
    </form>
  );
}
