import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { useMutation } from '../../useMutation';

export function WithdrawPanel({ view, onWithdrawn }: { view: EnrollmentView; onWithdrawn: (v: EnrollmentView) => void }) {
  const withdraw = useMutation('enrollment.withdraw');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === '') {
      withdraw.setError({ code: 'reason-required', message: 'Indicare il motivo della revoca.' });
      reasonRef.current?.focus();
      return;
    }
    const v = await withdraw.run({ enrollmentId: view.id, reason: reason.trim() });
    if (v) {
      setOpen(false);
      onWithdrawn(v);
    }
  };

  return (
    <section className="card withdraw-panel" aria-labelledby="enroll-withdraw-title">
      <h2 className="card-title" id="enroll-withdraw-title">
        Revoca
      </h2>
      {!open ? (
        <div className="form-actions">
          <button type="button" className="button button-danger" onClick={() => setOpen(true)} data-testid="enroll-withdraw">
            Revoca l&apos;arruolamento…
          </button>
          <span className="hint">Per esempio se il paziente passa a un altro Gestore.</span>
        </div>
      ) : (
        <form className="withdraw-form" onSubmit={(e) => void submit(e)} noValidate>
          <TextField
            id="enroll-withdraw-reason"
            label="Motivo della revoca"
            fieldClassName="field field-grow"
            ref={reasonRef}
            maxLength={500}
            value={reason}
            onChange={setReason}
            aria-required
          />
          <div className="form-actions">
            <button type="submit" className="button button-danger" aria-disabled={withdraw.busy} data-testid="enroll-withdraw-confirm">
              {withdraw.busy ? 'Revoca…' : 'Conferma la revoca'}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)} data-testid="enroll-withdraw-cancel">
              Annulla
            </button>
          </div>
        </form>
      )}
      {withdraw.error && <ErrorMessage error={withdraw.error} />}
    </section>
  );
}
