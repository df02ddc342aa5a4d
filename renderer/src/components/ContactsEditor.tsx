import { useState, type FormEvent } from 'react';
import type { PatientDetail } from '../../../shared/contract/patients';
import { PHONE_MESSAGE } from '../walkin';
import { useMutation } from '../useMutation';
import { ErrorMessage } from './ErrorMessage';
import { TextField, useFieldError } from './Field';
import { SaveCancel } from './SaveCancel';

type ContactField = 'phone' | 'mobile' | 'email' | 'callTime';

const PHONE = /^[0-9+ ()./-]*$/;

interface Props {
  patient: Pick<PatientDetail, 'id' | 'phone' | 'mobile' | 'email' | 'preferredCallTime'>;
  /** Prefix of the ids and test ids ("contacts", "call-contacts"). */
  idPrefix: string;
  onSaved: (patient: PatientDetail) => void;
  onCancel?: () => void;
}

/** Phone, mobile, e-mail and preferred call time of a patient: on his page and inside the call form. */
export function ContactsEditor({ patient, idPrefix, onSaved, onCancel }: Props) {
  const [form, setForm] = useState({ phone: patient.phone ?? '', mobile: patient.mobile ?? '', email: patient.email ?? '', callTime: patient.preferredCallTime ?? '' });
  const save = useMutation('patients.updateContacts');
  const fields = useFieldError<ContactField>(idPrefix);
  const id = (f: ContactField) => `${idPrefix}-${f}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const phone = form.phone.trim();
    const mobile = form.mobile.trim();
    const email = form.email.trim();
    const bad: [ContactField, string] | null = !PHONE.test(phone)
      ? ['phone', PHONE_MESSAGE]
      : !PHONE.test(mobile)
        ? ['mobile', PHONE_MESSAGE]
        : email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
          ? ['email', "Indirizzo e-mail non valido: ad esempio nome@esempio.it."]
          : null;
    if (bad) {
      fields.setFieldError({ field: bad[0], message: bad[1] });
      document.getElementById(id(bad[0]))?.focus();
      return;
    }
    fields.setFieldError(null);
    const saved = await save.run({ id: patient.id, phone: phone || null, mobile: mobile || null, email: email || null, preferredCallTime: form.callTime.trim() || null });
    if (saved) onSaved(saved);
  };

  const field = (f: ContactField, label: string, extra: { inputMode?: 'tel' | 'email'; autoFocus?: boolean } = {}) => (
    <TextField
      id={id(f)}
      label={label}
      value={form[f]}
      onChange={(v) => setForm((x) => ({ ...x, [f]: v }))}
      maxLength={f === 'email' ? 120 : f === 'callTime' ? 80 : 40}
      aria-invalid={fields.invalid(f)}
      aria-describedby={fields.describedBy(f)}
      {...extra}
    >
      {fields.message(f)}
    </TextField>
  );

  return (
    <form className="contacts-editor" onSubmit={(e) => void submit(e)} noValidate aria-label="Recapiti del paziente" data-testid={`${idPrefix}-form`}>
      <div className="form-grid">
        {field('phone', 'Telefono', { inputMode: 'tel', autoFocus: true })}
        {field('mobile', 'Cellulare', { inputMode: 'tel' })}
        {field('email', 'E-mail', { inputMode: 'email' })}
        {field('callTime', 'Orario preferito per le chiamate')}
      </div>
      {save.error && <ErrorMessage error={save.error} />}
      <SaveCancel label={save.busy ? 'Salvataggio…' : 'Salva i recapiti'} busy={save.busy} testId={`${idPrefix}-save`} onCancel={onCancel} cancelTestId={`${idPrefix}-cancel`} />
    </form>
  );
}
