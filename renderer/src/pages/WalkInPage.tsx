import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PatientDetail } from '../../../shared/contract/patients';
import { formatItalianDate } from '../../../shared/domain/dates';
import { LETTER_TYPE_LABEL } from '../../../shared/domain/letter';
import { useCall } from '../api';
import { CardShortcut } from '../components/CardShortcut';
import { ErrorMessage } from '../components/ErrorMessage';
import { PatientHeader } from '../components/PatientHeader';
import { DateField, Field, TextField, useFieldError } from '../components/Field';
import { NewPatientForm } from '../components/NewPatientForm';
import { PageHeading } from '../components/PageHeading';
import { PatientPicker } from '../components/PatientPicker';
import { parseDateInput } from '../dateInput';
import { useToday } from '../today';
import { enrollHref, pageHref, walkinHref } from '../router';
import { navigate } from '../useRoute';
import {
  checkWalkIn,
  EMPTY_NEW_PATIENT,
  LETTER_TYPES,
  letterFormFor,
  letterTypeFromKey,
  newPatientFromSearch,
  type LetterForm as Form,
  type NewPatientForm as NewForm,
  type WalkInField,
} from '../walkin';
import { useMutation } from '../useMutation';

/**
 * Accoglienza: the patient who walks in with the ATS letter. Choose him (search, Tessera
 * Sanitaria, or new), record type and date of the letter and a phone number, tell him he will be
 * called back. Keyboard-first: the whole visit fits in a few keys.
 */
export function WalkInPage({ patientId }: { patientId: number | null }) {
  return patientId === null ? <ChoosePatient /> : <LetterStep patientId={patientId} />;
}

function ChoosePatient() {
  const [query, setQuery] = useState('');
  const [newForm, setNewForm] = useState<NewForm | null>(null);
  const pick = (id: number) => navigate(walkinHref(id));
  const queryRef = useRef(query);
  useEffect(() => {
    queryRef.current = query;
  });

  // Alt+N opens the new-patient form from anywhere on the page.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setNewForm((f) => f ?? newPatientFromSearch(queryRef.current));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="page page-walkin" data-testid="page-accoglienza">
      <PageHeading>Accoglienza</PageHeading>
      <p className="lead">
        Paziente con la lettera ATS: inserire la Tessera Sanitaria nel lettore, oppure cercarlo per cognome, nome o codice fiscale.
      </p>
      <CardShortcut testIdPrefix="walkin" onPick={pick} />
      <PatientPicker
        testId="walkin-search"
        rowTestId="walkin-result"
        label="Cerca il paziente"
        autoFocus={newForm === null}
        showResults={newForm === null}
        onPick={(p) => pick(p.id)}
        onQueryChange={setQuery}
        noResults={<p className="hint">Se il paziente non è in archivio, usare «Nuovo paziente».</p>}
      />
      {newForm === null ? (
        <div>
          <button type="button" className="button" onClick={() => setNewForm(newPatientFromSearch(query))} data-testid="walkin-new-patient">
            Nuovo paziente (senza Tessera Sanitaria)
          </button>{' '}
          <span className="field-hint">Alt+N</span>
        </div>
      ) : (
        <NewPatientForm
          initial={newForm ?? EMPTY_NEW_PATIENT}
          onCreated={(p) => pick(p.id)}
          onExisting={(p) => pick(p.id)}
          onCancel={() => setNewForm(null)}
        />
      )}
    </section>
  );
}

function LetterStep({ patientId }: { patientId: number }) {
  const patient = useCall('patients.get', { id: patientId });
  const studio = useCall('settings.studio.get', {});
  const today = useToday();
  const [saved, setSaved] = useState<{ message: string; patient: PatientDetail; at: string } | null>(null);

  const changeLink = (
    <a className="back-link" href={pageHref('accoglienza')} data-testid="walkin-change-patient">
      ← Cambia paziente
    </a>
  );

  if (patient.value === null) {
    return (
      <section className="page page-walkin" data-testid="page-accoglienza">
        {changeLink}
        <PageHeading focusOnMount>Accoglienza</PageHeading>
        {patient.error ? <ErrorMessage error={patient.error} onRetry={patient.reload} /> : <p className="hint">Caricamento…</p>}
      </section>
    );
  }
  const p = saved?.patient ?? patient.value;
  return (
    <section className="page page-walkin" data-testid="page-accoglienza">
      {!saved && changeLink}
      <PageHeading>Accoglienza</PageHeading>
      <PatientHeader p={p} testId="walkin-selected-patient" withEnrollment />
      {saved ? (
        <SavedMessage message={saved.message} patient={saved.patient} at={saved.at} studioName={studio.value ? `${studio.value.mmg} - ${studio.value.gestore}` : null} />
      ) : (
        <LetterForm patient={patient.value} onSaved={(message, updated) => setSaved({ message, patient: updated, at: today })} />
      )}
    </section>
  );
}

const FIELD_TESTID: Record<WalkInField, string> = {
  letterType: 'walkin-letter-type-1',
  letterDate: 'walkin-letter-date',
  phone: 'walkin-phone',
  mobile: 'walkin-mobile',
  callTime: 'walkin-call-time',
  note: 'walkin-note',
};

function isTextField(el: EventTarget): boolean {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'radio' && el.type !== 'checkbox');
}

function LetterForm({ patient, onSaved }: { patient: PatientDetail; onSaved: (message: string, patient: PatientDetail) => void }) {
  const today = useToday();
  const [form, setForm] = useState<Form>(() => letterFormFor(patient));
  const fields = useFieldError<WalkInField>('walkin');
  const { fieldError, setFieldError } = fields;
  const record = useMutation('walkin.record');
  const { busy, error, setError } = record;
  const formRef = useRef<HTMLFormElement>(null);

  const focus = (field: WalkInField | 'type') => {
    const testId = field === 'type' || field === 'letterType' ? `walkin-letter-type-${form.letterType ?? 1}` : FIELD_TESTID[field];
    formRef.current?.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus();
  };

  // The first thing to do is the letter type: the focus starts there (keys 1-5).
  useEffect(() => {
    focus('type');
    // Only when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = async () => {
    if (busy) return;
    const check = checkWalkIn(patient.id, form, today);
    if (!check.ok) {
      setFieldError({ field: check.field, message: check.message });
      setError(null);
      focus(check.field);
      return;
    }
    setFieldError(null);
    const saved = await record.run(check.input);
    if (saved) onSaved(saved.message, saved.patient);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
      return;
    }
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'radio') {
      e.preventDefault();
      void save();
      return;
    }
    // Keys 1-5 choose the letter type (Alt+1-5 also from inside a text field).
    const type = letterTypeFromKey(e.key);
    if (type !== null && !e.ctrlKey && !e.metaKey && (e.altKey || !isTextField(e.target))) {
      e.preventDefault();
      setForm((f) => ({ ...f, letterType: type }));
      setFieldError((fe) => (fe?.field === 'letterType' ? null : fe));
      formRef.current?.querySelector<HTMLElement>(`[data-testid="walkin-letter-type-${type}"]`)?.focus();
    }
  };

  const normalizeDate = () => {
    const parsed = parseDateInput(form.letterDateText, { today });
    if (parsed.ok) setForm((f) => ({ ...f, letterDateText: formatItalianDate(parsed.iso) }));
  };

  const { invalid, describedBy, message } = fields;
  /** id (also the data-testid), aria-invalid and aria-describedby of a field other than the letter type. */
  const fieldProps = (field: Exclude<WalkInField, 'letterType'>, hint?: string) => ({
    id: FIELD_TESTID[field],
    'aria-invalid': invalid(field),
    'aria-describedby': describedBy(field, hint),
  });

  return (
    <form ref={formRef} className="card letter-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-labelledby="letter-form-title" data-testid="walkin-letter-form">
      <h2 className="card-title" id="letter-form-title">
        Lettera ATS
      </h2>
      <div className="letter-main">
        <fieldset className="letter-types" aria-invalid={invalid('letterType')} aria-describedby={describedBy('letterType', 'letter-type-hint')}>
          <legend>Tipo di lettera</legend>
          <p className="field-hint" id="letter-type-hint">
            Tasti da 1 a 5 per scegliere.
          </p>
          {LETTER_TYPES.map((t) => (
            <label key={t} className={form.letterType === t ? 'letter-type letter-type-checked' : 'letter-type'}>
              <input
                type="radio"
                name="letter-type"
                value={t}
                checked={form.letterType === t}
                onChange={() => {
                  setForm({ ...form, letterType: t });
                  if (fieldError?.field === 'letterType') setFieldError(null);
                }}
                data-testid={`walkin-letter-type-${t}`}
              />
              <span className="letter-type-key" aria-hidden="true">
                {t}
              </span>
              <span className="letter-type-label">{LETTER_TYPE_LABEL[t]}</span>
            </label>
          ))}
          {message('letterType')}
        </fieldset>
        <DateField
          {...fieldProps('letterDate')}
          label="Data della lettera"
          value={form.letterDateText}
          onChange={(letterDateText) => setForm({ ...form, letterDateText })}
          onBlur={normalizeDate}
        >
          {message('letterDate')}
        </DateField>
      </div>

      <div className="form-grid">
        <TextField {...fieldProps('phone')} label="Telefono" type="tel" value={form.phone} onChange={(phone) => setForm({ ...form, phone })}>
          {message('phone')}
        </TextField>
        <TextField {...fieldProps('mobile')} label="Cellulare" type="tel" value={form.mobile} onChange={(mobile) => setForm({ ...form, mobile })}>
          {message('mobile')}
        </TextField>
        <TextField
          {...fieldProps('callTime')}
          label="Orario preferito per essere richiamato"
          list="walkin-call-times"
          placeholder="ad es. mattina, dopo le 17"
          value={form.callTime}
          onChange={(callTime) => setForm({ ...form, callTime })}
        >
          <datalist id="walkin-call-times">
            <option value="Mattina" />
            <option value="Pomeriggio" />
            <option value="Sera" />
            <option value="Ora di pranzo" />
            <option value="Qualsiasi orario" />
          </datalist>
          {message('callTime')}
        </TextField>
        <Field id={FIELD_TESTID.note} label="Nota" className="field field-wide">
          <textarea
            {...fieldProps('note', 'walkin-note-hint')}
            className="input textarea"
            rows={2}
            value={form.note}
            onChange={(e) => setForm({ ...form, note: e.target.value })}
            data-testid={FIELD_TESTID.note}
          />
          <span className="field-hint" id="walkin-note-hint">
            Facoltativa. Ctrl+Invio per registrare anche da qui.
          </span>
          {message('note')}
        </Field>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary button-large" aria-disabled={busy} data-testid="walkin-save">
          {busy ? 'Registrazione…' : 'Registra la lettera'}
        </button>
        <span className="field-hint">Invio per registrare. Sono necessari solo il tipo e la data della lettera.</span>
      </div>
    </form>
  );
}

function SavedMessage({ message, patient, at, studioName }: { message: string; patient: PatientDetail; at: string; studioName: string | null }) {
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    nextRef.current?.focus();
  }, []);
  return (
    <div className="walkin-done">
      <div className="print-slip" role="status" aria-live="polite">
        {studioName && <p className="print-only print-slip-studio">{studioName}</p>}
        <p className="print-only print-slip-patient">
          {patient.surname} {patient.givenName} <span className="mono">({patient.codiceFiscale})</span>
        </p>
        <p className="walkin-message" data-testid="walkin-message">
          {message}
        </p>
        <p className="print-slip-date">Lettera consegnata il {formatItalianDate(at)}</p>
      </div>
      <div className="form-actions no-print">
        <button ref={nextRef} type="button" className="button button-primary button-large" onClick={() => navigate(pageHref('accoglienza'))} data-testid="walkin-next">
          Prossimo paziente
        </button>
        <button type="button" className="button button-large" onClick={() => window.print()} data-testid="walkin-print">
          Stampa
        </button>
        <a className="button-link" href={enrollHref(patient.id)} data-testid="walkin-enroll-link">
          Vai all&apos;arruolamento
        </a>
      </div>
    </div>
  );
}
