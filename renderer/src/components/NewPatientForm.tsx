import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PatientDetail } from '../../../shared/contract/patients';
import type { PatientSummary } from '../../../shared/domain/patient';
import { normalizeCodiceFiscale } from '../../../shared/domain/codiceFiscale';
import { useApi } from '../api';
import { useToday } from '../today';
import { checkNewPatient, factsFromCodiceFiscale, type NewPatientField, type NewPatientForm as Form } from '../walkin';
import { ErrorMessage } from './ErrorMessage';
import { DateField, Field, TextField, useFieldError } from './Field';
import { useMutation } from '../useMutation';

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
const CF_CODES = new Set(['invalid-codice-fiscale', 'cf-mismatch', 'patient-exists']);

/**
 * A patient without the Tessera Sanitaria at hand: codice fiscale, names, birth date, sex. Birth
 * date and sex are read from a valid codice fiscale; the core validates it and answers in Italian.
 */
export function NewPatientForm({ initial, onCreated, onExisting, onCancel }: Props) {
  const call = useApi();
  const [form, setForm] = useState<Form>(initial);
  const fields = useFieldError<NewPatientField>('new-patient');
  const { setFieldError } = fields;
  const create = useMutation('patients.create', {
    onError: (failed) => {
      if (failed.code === 'patient-exists') void offerExisting(normalizeCodiceFiscale(form.codiceFiscale));
      if (CF_CODES.has(failed.code)) focusField('codiceFiscale');
    },
  });
  const { error } = create;
  const [looking, setLooking] = useState(false);
  const busy = create.busy || looking;
  const [existing, setExisting] = useState<PatientSummary | null>(null);
  const [derived, setDerived] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const today = useToday();

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
    create.setError(null);
    setExisting(null);
    const check = checkNewPatient(form, today);
    if (!check.ok) {
      setFieldError({ field: check.field, message: check.message });
      focusField(check.field);
      return;
    }
    setFieldError(null);
    const created = await create.run(check.input);
    if (created) onCreated(created);
  };

  // A codice fiscale already in the archive: offer that patient instead.
  const offerExisting = async (cf: string) => {
    setLooking(true);
    const found = await call('patients.search', { text: cf });
    setLooking(false);
    setExisting((found.ok ? found.value.patients.find((p) => p.codiceFiscale === cf) : undefined) ?? null);
  };

  const invalid = (field: NewPatientField) => fields.invalid(field) || (field === 'codiceFiscale' && error !== null && CF_CODES.has(error.code));
  /** id (also the data-testid), aria-invalid and aria-describedby of a field. */
  const fieldProps = (field: NewPatientField) => ({ id: FIELD_TESTID[field], 'aria-invalid': invalid(field), 'aria-describedby': fields.describedBy(field) });

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
        <TextField
          {...fieldProps('codiceFiscale')}
          label="Codice fiscale"
          fieldClassName="field field-wide"
          className="input input-cf mono"
          spellCheck={false}
          maxLength={20}
          value={form.codiceFiscale}
          onChange={setCf}
        >
          {fields.message('codiceFiscale')}
        </TextField>
        <TextField {...fieldProps('surname')} label="Cognome" value={form.surname} onChange={(surname) => setForm({ ...form, surname })}>
          {fields.message('surname')}
        </TextField>
        <TextField {...fieldProps('givenName')} label="Nome" value={form.givenName} onChange={(givenName) => setForm({ ...form, givenName })}>
          {fields.message('givenName')}
        </TextField>
        <DateField
          {...fieldProps('birthDate')}
          label="Data di nascita"
          value={form.birthDateText}
          onChange={(birthDateText) => {
            setDerived(false);
            setForm({ ...form, birthDateText });
          }}
        >
          {fields.message('birthDate')}
        </DateField>
        <Field id={FIELD_TESTID.sex} label="Sesso">
          <select
            {...fieldProps('sex')}
            className="input select"
            value={form.sex}
            onChange={(e) => {
              setDerived(false);
              setForm({ ...form, sex: e.target.value as Form['sex'] });
            }}
            onKeyDown={(e) => {
              // Enter on a select does not submit its form by itself.
              if (e.key === 'Enter') {
                e.preventDefault();
                formRef.current?.requestSubmit();
              }
            }}
            data-testid={FIELD_TESTID.sex}
          >
            <option value="">—</option>
            <option value="F">Femmina</option>
            <option value="M">Maschio</option>
          </select>
          {fields.message('sex')}
        </Field>
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
