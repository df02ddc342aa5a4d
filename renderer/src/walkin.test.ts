import { describe, expect, it } from 'vitest';
import type { PatientDetail } from '../../shared/contract/patients';
import { checkNewPatient, checkWalkIn, EMPTY_NEW_PATIENT, factsFromCodiceFiscale, letterFormFor, letterTypeFromKey, newPatientFromSearch, type LetterForm } from './walkin';

const today = '2025-03-12';

function patient(over: Partial<PatientDetail> = {}): PatientDetail {
  return {
    id: 7,
    codiceFiscale: 'RSSMRA50C07F205E',
    surname: 'Rossi',
    givenName: 'Mario',
    birthDate: '1950-03-07',
    sex: 'M',
    chronicLevel: 2,
    chronicLevelConfirmed: false,
    birthPlaceCode: null,
    phone: null,
    mobile: null,
    email: null,
    pathologies: [],
    letters: [],
    enrollment: null,
    preferredCallTime: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

const form = (over: Partial<LetterForm> = {}): LetterForm => ({
  letterType: 2,
  letterDateText: '16/04/2018',
  phone: '',
  mobile: '333 1234567',
  callTime: '',
  note: '',
  ...over,
});

describe('letter form', () => {
  it('maps the keys 1-5 to the letter types, nothing else', () => {
    expect(letterTypeFromKey('1')).toBe(1);
    expect(letterTypeFromKey('5')).toBe(5);
    expect(letterTypeFromKey('6')).toBeNull();
    expect(letterTypeFromKey('0')).toBeNull();
    expect(letterTypeFromKey('a')).toBeNull();
  });
  it('starts with no type and no date (never today) and the stored contacts when no letter is known', () => {
    expect(letterFormFor(patient({ phone: '02 1234', mobile: '333 1234567', preferredCallTime: 'mattina' }))).toEqual({
      letterType: null,
      letterDateText: '',
      phone: '02 1234',
      mobile: '333 1234567',
      callTime: 'mattina',
      note: '',
    });
  });
  it('proposes the newest ATS letter not yet brought', () => {
    const p = patient({
      letters: [
        { type: 3, trancheDate: '2018-01-10', receivedAt: null, note: null },
        { type: 2, trancheDate: '2018-04-16', receivedAt: null, note: null },
        { type: 4, trancheDate: '2019-01-01', receivedAt: '2019-02-01', note: null },
      ],
    });
    const f = letterFormFor(p);
    expect(f.letterType).toBe(2);
    expect(f.letterDateText).toBe('16/04/2018');
  });
  it('sends only what was filled, with the date converted', () => {
    expect(checkWalkIn(7, form(), today)).toEqual({ ok: true, input: { patientId: 7, letterType: 2, letterDate: '2018-04-16', mobile: '333 1234567' } });
    expect(checkWalkIn(7, form({ phone: ' 02 123 ', mobile: '+39 333', callTime: ' dopo le 17 ', note: ' ok ' }), today)).toEqual({
      ok: true,
      input: { patientId: 7, letterType: 2, letterDate: '2018-04-16', phone: '02 123', mobile: '+39 333', preferredCallTime: 'dopo le 17', note: 'ok' },
    });
  });
  it('says which field is wrong', () => {
    expect(checkWalkIn(7, form({ letterType: null }), today)).toMatchObject({ ok: false, field: 'letterType' });
    expect(checkWalkIn(7, form({ letterDateText: '' }), today)).toMatchObject({ ok: false, field: 'letterDate', message: 'Indicare la data della lettera (giorno/mese/anno).' });
    expect(checkWalkIn(7, form({ letterDateText: '31/02/2018' }), today)).toMatchObject({ ok: false, field: 'letterDate' });
    expect(checkWalkIn(7, form({ letterDateText: '13/03/2025' }), today)).toMatchObject({ ok: false, field: 'letterDate', message: 'La data della lettera non può essere futura.' });
    expect(checkWalkIn(7, form({ phone: 'chiamare' }), today)).toMatchObject({ ok: false, field: 'phone' });
    expect(checkWalkIn(7, form({ mobile: '333#1' }), today)).toMatchObject({ ok: false, field: 'mobile' });
    expect(checkWalkIn(7, form({ mobile: ' ', phone: '' }), today)).toEqual({ ok: false, field: 'mobile', message: 'Indicare almeno un numero di cellulare o di telefono: serve per richiamare il paziente.' });
    expect(checkWalkIn(7, form({ mobile: '', phone: '0382 1' }), today)).toMatchObject({ ok: true });
  });
  it('reads a two-digit year of a letter as 20yy: a mistyped future date is refused, never kept as 19yy', () => {
    expect(checkWalkIn(7, form({ letterDateText: '15/12/25' }), today)).toMatchObject({ ok: false, field: 'letterDate', message: 'La data della lettera non può essere futura.' });
    expect(checkWalkIn(7, form({ letterDateText: '1/3/25' }), today)).toMatchObject({ ok: true, input: { letterDate: '2025-03-01' } });
  });
});

describe('new patient form', () => {
  it('reads birth date and sex from a valid codice fiscale', () => {
    expect(factsFromCodiceFiscale('rssmra50c07f205e', today)).toBeNull();
    const cf = 'RSSMRA85T10A562S';
    expect(factsFromCodiceFiscale(cf, today)).toEqual({ birthDateText: '10/12/1985', sex: 'M', birthPlaceCode: 'A562' });
    expect(factsFromCodiceFiscale('RSSMRA85T10A562', today)).toBeNull();
  });
  it('moves a codice fiscale, or the surname and name, typed in the search into the form', () => {
    expect(newPatientFromSearch('rssmra85t10a562s').codiceFiscale).toBe('RSSMRA85T10A562S');
    expect(newPatientFromSearch(' Rossi  Mario ')).toEqual({ ...EMPTY_NEW_PATIENT, surname: 'Rossi', givenName: 'Mario' });
    expect(newPatientFromSearch('Bianchi Anna Maria')).toEqual({ ...EMPTY_NEW_PATIENT, surname: 'Bianchi', givenName: 'Anna Maria' });
    expect(newPatientFromSearch("D'Amico")).toEqual({ ...EMPTY_NEW_PATIENT, surname: "D'Amico" });
    expect(newPatientFromSearch('rossi 12')).toEqual(EMPTY_NEW_PATIENT);
    // Names whose letters happen to fit the start of a codice fiscale stay names.
    expect(newPatientFromSearch('Verdi Anna')).toEqual({ ...EMPTY_NEW_PATIENT, surname: 'Verdi', givenName: 'Anna' });
    expect(newPatientFromSearch('Verdianna')).toEqual({ ...EMPTY_NEW_PATIENT, surname: 'Verdianna' });
    expect(newPatientFromSearch('VRDNNA45').codiceFiscale).toBe('VRDNNA45');
  });
  it('checks every field and converts the birth date', () => {
    const good = { codiceFiscale: 'rssmra85t10a562s', surname: ' Rossi ', givenName: 'Mario', birthDateText: '10/12/1985', sex: 'M' as const };
    expect(checkNewPatient(good, today)).toEqual({
      ok: true,
      input: { codiceFiscale: 'RSSMRA85T10A562S', surname: 'Rossi', givenName: 'Mario', birthDate: '1985-12-10', sex: 'M', birthPlaceCode: 'A562' },
    });
    expect(checkNewPatient({ ...good, codiceFiscale: '' }, today)).toMatchObject({ ok: false, field: 'codiceFiscale' });
    expect(checkNewPatient({ ...good, surname: ' ' }, today)).toMatchObject({ ok: false, field: 'surname' });
    expect(checkNewPatient({ ...good, givenName: '' }, today)).toMatchObject({ ok: false, field: 'givenName' });
    expect(checkNewPatient({ ...good, birthDateText: '32/12/1985' }, today)).toMatchObject({ ok: false, field: 'birthDate' });
    expect(checkNewPatient({ ...good, sex: '' }, today)).toMatchObject({ ok: false, field: 'sex' });
    // A mistyped code is the field to fix, before anything else that is missing.
    expect(checkNewPatient({ ...good, codiceFiscale: 'RSSMRA85T10A562X', birthDateText: '', sex: '' }, today)).toEqual({
      ok: false,
      field: 'codiceFiscale',
      message: 'Il carattere di controllo del codice fiscale non corrisponde: verificare di averlo trascritto correttamente.',
    });
    expect(checkNewPatient({ ...good, codiceFiscale: 'RSSMRA85T10A56' }, today)).toMatchObject({ ok: false, field: 'codiceFiscale', message: 'Il codice fiscale deve avere 16 caratteri.' });
  });
});
