import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiErrorBody, PatientDetail } from '../../../shared/api';
import type { PatientSummary } from '../../../shared/domain/patient';
import { normalizeCodiceFiscale } from '../../../shared/domain/codiceFiscale';
import { useApi } from '../api';
import { localIsoDate } from '../format';
import { checkNewPatient, factsFromCodiceFiscale, type NewPatientField, type NewPatientForm as Form } from '../walkin';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  initial: Form;
  onCreated: (patient: PatientDetail) => void;
  /** The codice fiscale is already in the archive: choose that patient instead. */
  onExisting: (patient: PatientSummary) => void;
  onCancel: () => void;
}

const FIELD_TESTID: Record<NewPatientField, string> = {
  codiceFiscale: 'new-patient-cf',
  surname: 'new-patient-surname',
  givenName: 'new-patient-given-name',
  birthDate: 'new-patient-birth-date',
  sex: 'new-patient-sex',
};

/** Core error codes that are about the codice fiscale field. */
const CF_CODES = new Set(['invalid-codice-fiscale', 'codice-fiscale-mismatch', 'patient-exists']);

/**
 * A patient without the Tessera Sanitaria at hand: codice fiscale, names, birth date, sex. Birth
 * date and sex are read from a valid codice fiscale; the core validates it and answers in Italian.
 */
export function NewPatientForm({ initial, onCreated, onExisting, onCancel }: Props) {
  const call = useApi();
  const [form, setForm] = useState<Form>(initial);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: NewPatientField; message: string } | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [existing, setExisting] = useState<PatientSummary | null>(null);
  const [derived, setDerived] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const today = localIsoDate(new Date());

  const focusField = (field: NewPatientField) => {
    const el = formRef.current?.querySelector<HTMLElement>(`[data-testid="${FIELD_TESTID[field]}"]`);
    el?.focus();
  };

  useEffect(() => {
    focusField(initial.codiceFiscale ? 'surname' : 'codiceFiscale');
    // Only when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setCf = (text: string) => {
    const cf = text.toUpperCase();
    const facts = factsFromCodiceFiscale(cf, today);
    // Fill what the code says, unless the user typed something else already.
    if (facts && (derived || (form.birthDateText === '' && form.sex === ''))) {
      setDerived(true);
      setForm({ ...form, codiceFiscale: cf, birthDateText: facts.birthDateText, sex: facts.sex });
    } else {
      setForm({ ...form, codiceFiscale: cf });
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setExisting(null);
    const check = checkNewPatient(form, today);
    if (!check.ok) {
      setFieldError({ field: check.field, message: check.message });
      focusField(check.field);
      return;
    }
    setFieldError(null);
    setBusy(true);
    const result = await call('patients.create', check.input);
    if (result.ok) {
      setBusy(false);
      onCreated(result.value);
      return;
    }
    setError(result.error);
    if (result.error.code === 'patient-exists') {
      const found = await call('patients.search', { text: normalizeCodiceFiscale(form.codiceFiscale) });
      const match = found.ok ? found.value.patients.find((p) => p.codiceFiscale === normalizeCodiceFiscale(form.codiceFiscale)) : undefined;
      setExisting(match ?? null);
    }
    setBusy(false);
    if (CF_CODES.has(result.error.code)) focusField('codiceFiscale');
  };

  const invalid = (field: NewPatientField) => fieldError?.field === field || (field === 'codiceFiscale' && error !== null && CF_CODES.has(error.code));
  const describedBy = (field: NewPatientField) => (fieldError?.field === field ? `new-patient-${field}-error` : undefined);
  const fieldMessage = (field: NewPatientField) =>
    fieldError?.field === field ? (
      <span className="field-error" id={`new-patient-${field}-error`} data-testid="new-patient-field-error">
        {fieldError.message}
      </span>
    ) : null;

  return (
    <form
      ref={formRef}
      className="card new-patient"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      noValidate
      aria-labelledby="new-patient-title"
      data-testid="new-patient-form"
    >
      <h2 className="card-title" id="new-patient-title">
        Nuovo paziente
      </h2>
      <p className="hint">Per chi non ha con sé la Tessera Sanitaria. Data di nascita e sesso si ricavano dal codice fiscale.</p>
      <div className="form-grid">
        <div className="field field-wide">
          <label htmlFor="new-patient-cf">Codice fiscale</label>
          <input
            id="new-patient-cf"
            className="input input-cf mono"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            value={form.codiceFiscale}
            onChange={(e) => setCf(e.target.value)}
            aria-invalid={invalid('codiceFiscale')}
            aria-describedby={describedBy('codiceFiscale')}
            data-testid="new-patient-cf"
          />
          {fieldMessage('codiceFiscale')}
        </div>
        <div className="field">
          <label htmlFor="new-patient-surname">Cognome</label>
          <input
            id="new-patient-surname"
            className="input"
            type="text"
            autoComplete="off"
            value={form.surname}
            onChange={(e) => setForm({ ...form, surname: e.target.value })}
            aria-invalid={invalid('surname')}
            aria-describedby={describedBy('surname')}
            data-testid="new-patient-surname"
          />
          {fieldMessage('surname')}
        </div>
        <div className="field">
          <label htmlFor="new-patient-given-name">Nome</label>
          <input
            id="new-patient-given-name"
            className="input"
            type="text"
            autoComplete="off"
            value={form.givenName}
            onChange={(e) => setForm({ ...form, givenName: e.target.value })}
            aria-invalid={invalid('givenName')}
            aria-describedby={describedBy('givenName')}
            data-testid="new-patient-given-name"
          />
          {fieldMessage('givenName')}
        </div>
        <div className="field">
          <label htmlFor="new-patient-birth-date">Data di nascita</label>
          <input
            id="new-patient-birth-date"
            className="input input-date"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder="gg/mm/aaaa"
            value={form.birthDateText}
            onChange={(e) => {
              setDerived(false);
              setForm({ ...form, birthDateText: e.target.value });
            }}
            aria-invalid={invalid('birthDate')}
            aria-describedby={describedBy('birthDate')}
            data-testid="new-patient-birth-date"
          />
          {fieldMessage('birthDate')}
        </div>
        <div className="field">
          <label htmlFor="new-patient-sex">Sesso</label>
          <select
            id="new-patient-sex"
            className="input select"
            value={form.sex}
            onChange={(e) => {
              setDerived(false);
              setForm({ ...form, sex: e.target.value as Form['sex'] });
            }}
            aria-invalid={invalid('sex')}
            aria-describedby={describedBy('sex')}
            data-testid="new-patient-sex"
          >
            <option value="">—</option>
            <option value="F">Femmina</option>
            <option value="M">Maschio</option>
          </select>
          {fieldMessage('sex')}
        </div>
      </div>
      {error && <ErrorMessage error={error} />}
      {existing && (
        <p>
          <button type="button" className="button" onClick={() => onExisting(existing)} data-testid="new-patient-existing">
            Scegli {existing.surname} {existing.givenName}, già in archivio
          </button>
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy} data-testid="new-patient-save">
          {busy ? 'Salvataggio…' : 'Salva il nuovo paziente'}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="new-patient-cancel">
          Annulla
        </button>
      </div>
    </form>
  );
}
