import type { CallInput } from '../../shared/api';
import type { PatientDetail } from '../../shared/contract/patients';
import { describeCodiceFiscale, InvalidCodiceFiscaleError, normalizeCodiceFiscale, parseCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { formatItalianDate } from '../../shared/domain/dates';
import type { LetterType } from '../../shared/domain/letter';
import type { Sex } from '../../shared/domain/patient';
import { parseDateInput } from './dateInput';

/** Pure pieces of Accoglienza: the letter form and the new-patient form (unit-tested). */

export const LETTER_TYPES: readonly LetterType[] = [1, 2, 3, 4, 5];

/** Keys 1-5 choose the letter type. */
export function letterTypeFromKey(key: string): LetterType | null {
  return /^[1-5]$/.test(key) ? (Number(key) as LetterType) : null;
}

export interface LetterForm {
  letterType: LetterType | null;
  letterDateText: string;
  phone: string;
  mobile: string;
  callTime: string;
  note: string;
}

/**
 * The letter form for a patient: contacts from the archive; type and date from the ATS letter the
 * archive already knows and the patient has not brought yet (the newest), else nothing: the date
 * is the one printed on the letter, never today by default.
 */
export function letterFormFor(patient: PatientDetail): LetterForm {
  const pending = patient.letters.filter((l) => l.receivedAt === null).sort((a, b) => (b.trancheDate ?? '').localeCompare(a.trancheDate ?? ''))[0];
  return {
    letterType: pending?.type ?? null,
    letterDateText: pending?.trancheDate ? formatItalianDate(pending.trancheDate) : '',
    phone: patient.phone ?? '',
    mobile: patient.mobile ?? '',
    callTime: patient.preferredCallTime ?? '',
    note: '',
  };
}

const PHONE = /^[0-9+ ()./-]*$/;
export const PHONE_MESSAGE = 'Il numero di telefono può contenere solo cifre, spazi e + ( ) . / -';

export type FieldCheck<T, F extends string> = { ok: true; input: T } | { ok: false; field: F; message: string };

export type WalkInField = 'letterType' | 'letterDate' | 'phone' | 'mobile' | 'callTime' | 'note';

/** The letter form as `walkin.record` wants it; blank optional fields are left out. */
export function checkWalkIn(patientId: number, form: LetterForm, today: string): FieldCheck<CallInput<'walkin.record'>, WalkInField> {
  if (form.letterType === null) return { ok: false, field: 'letterType', message: 'Scegliere il tipo di lettera (tasti da 1 a 5).' };
  const date = parseDateInput(form.letterDateText, { today, twoDigitYear: 'recent' });
  if (!date.ok) return { ok: false, field: 'letterDate', message: date.empty ? 'Indicare la data della lettera (giorno/mese/anno).' : date.message };
  if (date.iso > today) return { ok: false, field: 'letterDate', message: 'La data della lettera non può essere futura.' };
  const phone = form.phone.trim();
  const mobile = form.mobile.trim();
  if (!PHONE.test(phone) || phone.length > 40) return { ok: false, field: 'phone', message: PHONE_MESSAGE };
  if (!PHONE.test(mobile) || mobile.length > 40) return { ok: false, field: 'mobile', message: PHONE_MESSAGE };
  if (phone === '' && mobile === '') return { ok: false, field: 'mobile', message: 'Indicare almeno un numero di cellulare o di telefono: serve per richiamare il paziente.' };
  const callTime = form.callTime.trim();
  if (callTime.length > 80) return { ok: false, field: 'callTime', message: "L'orario preferito può essere lungo al massimo 80 caratteri." };
  const note = form.note.trim();
  if (note.length > 500) return { ok: false, field: 'note', message: 'La nota può essere lunga al massimo 500 caratteri.' };
  return {
    ok: true,
    input: {
      patientId,
      letterType: form.letterType,
      letterDate: date.iso,
      ...(phone ? { phone } : {}),
      ...(mobile ? { mobile } : {}),
      ...(callTime ? { preferredCallTime: callTime } : {}),
      ...(note ? { note } : {}),
    },
  };
}

export interface NewPatientForm {
  codiceFiscale: string;
  surname: string;
  givenName: string;
  birthDateText: string;
  sex: Sex | '';
}

export const EMPTY_NEW_PATIENT: NewPatientForm = { codiceFiscale: '', surname: '', givenName: '', birthDateText: '', sex: '' };

/** What a complete, valid codice fiscale says: birth date (dd/mm/yyyy) and sex, to fill the form. */
export function factsFromCodiceFiscale(text: string, today: string): { birthDateText: string; sex: Sex; birthPlaceCode: string } | null {
  const code = normalizeCodiceFiscale(text);
  if (code.length !== 16) return null;
  try {
    const facts = describeCodiceFiscale(code, today);
    return { birthDateText: formatItalianDate(facts.birthDate), sex: facts.sex, birthPlaceCode: facts.birthPlaceCode };
  } catch {
    return null;
  }
}

/**
 * What was typed in the search, carried into the new-patient form: a codice fiscale (or its start)
 * into its field; names as surname then given name ("Rossi Mario", "De Luca Anna Maria" is read
 * as surname "De" only when nothing better is known: the user corrects it).
 */
export function newPatientFromSearch(text: string): NewPatientForm {
  const compact = normalizeCodiceFiscale(text);
  // A name can look like the start of a codice fiscale ("Verdi Anna": VERDIANNA); one typed as a
  // code is one word with a digit, or all sixteen characters.
  const typedAsCode = !/\s/.test(text.trim()) && (/\d/.test(compact) || compact.length === 16);
  if (typedAsCode && /^[A-Z]{6}[0-9LMNPQRSTUV]{2}/.test(compact) && compact.length <= 16) return { ...EMPTY_NEW_PATIENT, codiceFiscale: compact };
  if (!/^[\p{L}\s'’.-]+$/u.test(text.trim())) return EMPTY_NEW_PATIENT;
  const [surname = '', ...given] = text.trim().split(/\s+/);
  return { ...EMPTY_NEW_PATIENT, surname, givenName: given.join(' ') };
}

export type NewPatientField = 'codiceFiscale' | 'surname' | 'givenName' | 'birthDate' | 'sex';

/**
 * The new-patient form before `patients.create`: everything filled, a real birth date. The codice
 * fiscale itself is judged by the core, whose Italian message is shown next to the form.
 */
export function checkNewPatient(
  form: NewPatientForm,
  today: string,
): FieldCheck<{ codiceFiscale: string; surname: string; givenName: string; birthDate: string; sex: Sex; birthPlaceCode?: string }, NewPatientField> {
  const codiceFiscale = normalizeCodiceFiscale(form.codiceFiscale);
  if (codiceFiscale === '') return { ok: false, field: 'codiceFiscale', message: 'Indicare il codice fiscale.' };
  // The code first: a mistyped one is the field to fix, whatever else is missing.
  try {
    parseCodiceFiscale(codiceFiscale);
  } catch (err) {
    if (err instanceof InvalidCodiceFiscaleError) return { ok: false, field: 'codiceFiscale', message: err.userMessage };
    throw err;
  }
  const surname = form.surname.trim();
  if (surname === '') return { ok: false, field: 'surname', message: 'Indicare il cognome.' };
  const givenName = form.givenName.trim();
  if (givenName === '') return { ok: false, field: 'givenName', message: 'Indicare il nome.' };
  const birth = parseDateInput(form.birthDateText, { today, twoDigitYear: 'past' });
  if (!birth.ok) return { ok: false, field: 'birthDate', message: birth.empty ? 'Indicare la data di nascita (giorno/mese/anno).' : birth.message };
  if (birth.iso > today) return { ok: false, field: 'birthDate', message: 'La data di nascita non può essere futura.' };
  if (form.sex !== 'M' && form.sex !== 'F') return { ok: false, field: 'sex', message: 'Indicare il sesso.' };
  const facts = factsFromCodiceFiscale(codiceFiscale, today);
  // The birthplace is read from the code only when the code agrees with what was typed.
  const birthPlaceCode = facts && facts.sex === form.sex && /^[A-Z]\d{3}$/.test(facts.birthPlaceCode) ? facts.birthPlaceCode : undefined;
  return {
    ok: true,
    input: { codiceFiscale, surname, givenName, birthDate: birth.iso, sex: form.sex, ...(birthPlaceCode ? { birthPlaceCode } : {}) },
  };
}
