import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CallListEntry } from '../../../../shared/contract/calls';
import { CALL_OUTCOME_LABEL, CallOutcome } from '../../../../shared/domain/callOutcome';
import { checkCallOutcome, OUTCOME_DATE_LABEL, retryText, savedCallText, type CallField, type OutcomeForm } from '../../calls';
import { ContactsEditor } from '../../components/ContactsEditor';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField, FieldError, TextField, useFieldError } from '../../components/Field';
import { enrollHref, patientHref } from '../../router';
import { useToday } from '../../today';
import { useMutation } from '../../useMutation';

const OUTCOMES = CallOutcome.options;
const EMPTY: OutcomeForm = { outcome: null, dateText: '', timeText: '', note: '' };

interface Props {
  entry: CallListEntry;
  /** The confirmation of the call just saved on the previous row: shown here, where the eyes are. */
  notice: string | null;
  /** Take the focus on the first outcome (after a save, the next patient's buttons). */
  focusOutcomes: boolean;
  onSaved: (text: string, after: CallListEntry | null) => void;
  onContactsChanged: () => void;
}

/** The outcome of the call to the selected patient, under his row. */
export function CallOutcomeForm({ entry, notice, focusOutcomes, onSaved, onContactsChanged }: Props) {
  const [form, setForm] = useState<OutcomeForm>(EMPTY);
  const [editingContacts, setEditingContacts] = useState(entry.status === 'wrong-number');
  const save = useMutation('calls.record');
  const fields = useFieldError<CallField>('call');
  const formRef = useRef<HTMLFormElement>(null);
  const today = useToday();
  const { outcome } = form;
  const dateLabel = outcome ? OUTCOME_DATE_LABEL[outcome] : undefined;

  const focus = (testId: string) => formRef.current?.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus();
  // Only when this row's form appears: later renders leave the focus where the user put it.
  const focusOnMount = useRef(focusOutcomes && !editingContacts);

  useEffect(() => {
    if (focusOnMount.current) formRef.current?.querySelector<HTMLElement>(`[data-testid="call-outcome-${OUTCOMES[0]}"]`)?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const check = checkCallOutcome(form, today);
    if (!check.ok) {
      fields.setFieldError({ field: check.field, message: check.message });
      focus(check.field === 'outcome' ? `call-outcome-${OUTCOMES[0]}` : `call-${check.field}`);
      return;
    }
    fields.setFieldError(null);
    const saved = await save.run({ patientId: entry.patientId, ...check.input });
    if (saved) onSaved(savedCallText(entry, check.input.outcome, saved.entry, check.input.date, check.input.time), saved.entry);
  };

  const choose = (o: CallOutcome) => {
    setForm((f) => ({ ...f, outcome: o }));
    fields.setFieldError(null);
    // Straight to the field the outcome needs.
    setTimeout(() => focus(OUTCOME_DATE_LABEL[o] ? 'call-date' : o === 'refused' ? 'call-note' : 'call-save'), 0);
  };

  return (
    <div className="call-panel">
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="call-saved">
          Registrato: {notice}
        </p>
      )}
      {editingContacts ? (
        <div className="call-contacts">
          <p className="call-form-label">Recapiti di {entry.surname} {entry.givenName}</p>
          <ContactsEditor
            patient={{ id: entry.patientId, phone: entry.phone, mobile: entry.mobile, email: null, preferredCallTime: entry.preferredCallTime }}
            idPrefix="call-contacts"
            onSaved={() => {
              setEditingContacts(false);
              onContactsChanged();
            }}
            onCancel={() => setEditingContacts(false)}
          />
        </div>
      ) : (
        <form ref={formRef} className="call-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Esito della telefonata a ${entry.surname} ${entry.givenName}`} data-testid="call-form">
          <div className="call-outcomes" role="group" aria-label="Esito della telefonata">
            <span className="call-form-label">
              Esito della telefonata a {entry.surname} {entry.givenName}:
            </span>
            {OUTCOMES.map((o) => (
              <button
                key={o}
                type="button"
                className={outcome === o ? 'button button-toggle button-toggle-on' : 'button button-toggle'}
                aria-pressed={outcome === o}
                onClick={() => choose(o)}
                data-testid={`call-outcome-${o}`}
              >
                {CALL_OUTCOME_LABEL[o]}
              </button>
            ))}
          </div>
          {fields.fieldError?.field === 'outcome' && <FieldError testId="call-field-error">{fields.fieldError.message}</FieldError>}
          <div className="call-fields">
            {dateLabel && (
              <DateField
                id="call-date"
                label={dateLabel}
                value={form.dateText}
                onChange={(dateText) => setForm((f) => ({ ...f, dateText }))}
                aria-invalid={fields.invalid('date')}
                aria-required={outcome !== 'no_answer'}
                aria-describedby={fields.describedBy('date', outcome === 'no_answer' ? 'call-retry-hint' : undefined)}
              >
                {outcome === 'no_answer' && (
                  <span className="hint" id="call-retry-hint">
                    {retryText(today)}
                  </span>
                )}
                {fields.message('date')}
              </DateField>
            )}
            {outcome === 'appointment' && (
              <TextField
                id="call-time"
                label="Ora"
                className="input input-time"
                inputMode="numeric"
                placeholder="hh:mm"
                maxLength={5}
                value={form.timeText}
                onChange={(timeText) => setForm((f) => ({ ...f, timeText }))}
                aria-invalid={fields.invalid('time')}
                aria-required
                aria-describedby={fields.describedBy('time')}
              >
                {fields.message('time')}
              </TextField>
            )}
            <TextField
              id="call-note"
              label={outcome === 'refused' ? 'Motivo del rifiuto' : 'Nota'}
              fieldClassName="field field-grow"
              maxLength={500}
              value={form.note}
              onChange={(note) => setForm((f) => ({ ...f, note }))}
              aria-invalid={fields.invalid('note')}
              aria-required={outcome === 'refused'}
              aria-describedby={fields.describedBy('note')}
            >
              {fields.message('note')}
            </TextField>
            <button type="submit" className="button button-primary" aria-disabled={save.busy} data-testid="call-save">
              {save.busy ? 'Registrazione…' : 'Registra'}
            </button>
          </div>
          {save.error && <ErrorMessage error={save.error} />}
          <p className="call-links">
            <button type="button" className="link-button" onClick={() => setEditingContacts(true)} data-testid="call-edit-contacts">
              Correggi i recapiti
            </button>
            <a href={enrollHref(entry.patientId)} data-testid="call-enroll-link">
              Arruolamento
            </a>
            <a href={patientHref(entry.patientId)}>Scheda paziente</a>
          </p>
        </form>
      )}
    </div>
  );
}
