import { describe, expect, it } from 'vitest';
import type { CallListEntry } from '../../shared/contract/calls';
import { attemptsText, callQueueCsv, callSourceText, callStatusText, checkCallOutcome, lastAttemptText, parseClockTime, retryText, savedCallText, telHref, type OutcomeForm } from './calls';
import { CSV_BOM } from './csv';

const today = '2025-03-12';

const entry = (over: Partial<CallListEntry> = {}): CallListEntry => ({
  patientId: 7,
  codiceFiscale: 'RSSMRA58D12G388C',
  surname: 'Rossi',
  givenName: 'Mario',
  sex: 'M',
  birthDate: '1958-04-12',
  chronicLevel: 2,
  source: 'letter',
  letterType: 2,
  letterDate: '2018-04-16',
  letterReceivedAt: '2025-03-01',
  phone: null,
  mobile: '333 1234567',
  preferredCallTime: 'mattina',
  status: 'due',
  statusDate: null,
  attempts: 0,
  lastAttempt: null,
  ...over,
});

describe('what a row of the queue says', () => {
  it('says where the patient comes from, agreeing with the patient', () => {
    expect(callSourceText(entry())).toBe('Lettera tipo 2, consegnata il 01/03/2025');
    expect(callSourceText(entry({ source: 'ats-list', letterType: 3, letterReceivedAt: null }))).toBe('Lista ATS, mai presentato');
    expect(callSourceText(entry({ source: 'ats-list', letterReceivedAt: null, sex: 'F' }))).toBe('Lista ATS, mai presentata');
  });
  it('says where he stands', () => {
    expect(callStatusText(entry())).toBe('Da chiamare');
    expect(callStatusText(entry({ status: 'scheduled', statusDate: '2025-03-13' }))).toBe('Da richiamare dal 13/03/2025');
    expect(callStatusText(entry({ status: 'missed', statusDate: '2025-03-10' }))).toBe('Appuntamento mancato il 10/03/2025');
    expect(callStatusText(entry({ status: 'wrong-number' }))).toBe('Numero errato: correggere i recapiti');
  });
  it('counts attempts and describes the last one, with the appointment’s time', () => {
    expect(attemptsText(0)).toBe('Nessun tentativo');
    expect(attemptsText(1)).toBe('1 tentativo');
    expect(attemptsText(3)).toBe('3 tentativi');
    expect(lastAttemptText(null)).toBe('');
    const at = '2025-03-11T09:05:00.000Z';
    expect(lastAttemptText({ at, outcome: 'call_back', date: '2025-03-14', time: null, note: null, operatorCf: null })).toBe('Richiamare il 14/03/2025 (chiamato il 11/03/2025 10:05)');
    expect(lastAttemptText({ at, outcome: 'appointment', date: '2025-03-14', time: '10:30', note: null, operatorCf: null })).toBe('Appuntamento fissato il 14/03/2025 alle 10:30 (chiamato il 11/03/2025 10:05)');
    expect(lastAttemptText({ at, outcome: 'no_answer', date: null, time: null, note: null, operatorCf: null })).toBe('Non risponde (chiamato il 11/03/2025 10:05)');
  });
  it('dials only digits and +', () => {
    expect(telHref('+39 02 123.45-6')).toBe('tel:+3902123456');
  });
});

describe('the outcome form', () => {
  const check = (outcome: OutcomeForm['outcome'], over: Partial<OutcomeForm> = {}) => checkCallOutcome({ outcome, dateText: '', timeText: '', note: '', ...over }, today);
  it('needs an outcome', () => {
    expect(check(null)).toEqual({ ok: false, field: 'outcome', message: "Scegliere l'esito della telefonata." });
  });
  it('needs a date, today or later, and a time for an appointment', () => {
    expect(check('appointment')).toEqual({ ok: false, field: 'date', message: "Indicare la data dell'appuntamento (giorno/mese/anno)." });
    expect(check('appointment', { dateText: '31/02/2025' })).toMatchObject({ ok: false, field: 'date' });
    expect(check('appointment', { dateText: '11/03/2025' })).toEqual({ ok: false, field: 'date', message: 'La data non può essere già passata.' });
    expect(check('appointment', { dateText: '12/03/2025' })).toEqual({ ok: false, field: 'time', message: "Indicare l'ora dell'appuntamento (ad esempio 09:30)." });
    expect(check('appointment', { dateText: '12/03/2025', timeText: '25:00' })).toMatchObject({ ok: false, field: 'time' });
    expect(check('appointment', { dateText: '12/03/2025', timeText: '9.30' })).toEqual({ ok: true, input: { outcome: 'appointment', date: '2025-03-12', time: '09:30' } });
  });
  it('needs a date for a call-back; takes one for no answer, else leaves it to the core', () => {
    expect(check('call_back')).toEqual({ ok: false, field: 'date', message: 'Indicare la data in cui richiamare (giorno/mese/anno).' });
    expect(check('call_back', { dateText: '14/3/25', note: ' dopo cena ' })).toEqual({ ok: true, input: { outcome: 'call_back', date: '2025-03-14', note: 'dopo cena' } });
    expect(check('no_answer')).toEqual({ ok: true, input: { outcome: 'no_answer' } });
    expect(check('no_answer', { dateText: '17/03/2025' })).toEqual({ ok: true, input: { outcome: 'no_answer', date: '2025-03-17' } });
    expect(check('no_answer', { dateText: '10/03/2025' })).toMatchObject({ ok: false, field: 'date' });
    expect(retryText('2025-03-14')).toBe('Senza una data, si richiama lunedì 17 marzo 2025.');
  });
  it('needs the reason of a refusal, and nothing for a wrong number', () => {
    expect(check('refused', { note: '  ' })).toEqual({ ok: false, field: 'note', message: 'Indicare il motivo del rifiuto.' });
    expect(check('refused', { note: 'Segue già un altro Gestore' })).toEqual({ ok: true, input: { outcome: 'refused', note: 'Segue già un altro Gestore' } });
    expect(check('wrong_number', { dateText: 'boh' })).toEqual({ ok: true, input: { outcome: 'wrong_number' } });
  });
  it('reads times as typed', () => {
    expect(['9:30', '09.30', '930', '0930', '9 30', '23:59'].map(parseClockTime)).toEqual(['09:30', '09:30', '09:30', '09:30', '09:30', '23:59']);
    expect(['24:00', '9', 'nove', '9:3', ''].map(parseClockTime)).toEqual([null, null, null, null, null]);
  });
  it('says what was recorded', () => {
    expect(savedCallText(entry(), 'appointment', null, '2025-03-14', '10:30')).toBe('Rossi Mario: appuntamento fissato il 14/03/2025 alle 10:30, in agenda.');
    expect(savedCallText(entry(), 'no_answer', entry({ status: 'scheduled', statusDate: '2025-03-13' }))).toBe('Rossi Mario: Non risponde, da richiamare dal 13/03/2025.');
    expect(savedCallText(entry(), 'refused', null)).toBe('Rossi Mario: rifiuto registrato, tolto dall’elenco.');
    // Not "Richiamare, da richiamare": the outcome is the date.
    expect(savedCallText(entry(), 'call_back', entry({ status: 'scheduled', statusDate: '2025-03-17' }))).toBe('Rossi Mario: da richiamare dal 17/03/2025.');
  });
});

describe('the queue as CSV', () => {
  it('has one row per patient, in Excel’s Italian format', () => {
    const csv = callQueueCsv([entry(), entry({ surname: "D'Amico", sex: 'F', source: 'ats-list', letterReceivedAt: null, mobile: null, phone: '+39 0382 1' })]);
    expect(csv.startsWith(`${CSV_BOM}Cognome;Nome;Codice fiscale;Data di nascita;Livello;Provenienza;Telefono;Cellulare;Orario preferito;Stato;Tentativi;Ultima telefonata\r\n`)).toBe(true);
    expect(csv).toContain("D'Amico;Mario;RSSMRA58D12G388C;12/04/1958;Livello 2;Lista ATS, mai presentata;'+39 0382 1;;mattina;Da chiamare;0;\r\n");
    expect(csv.split('\r\n')).toHaveLength(4);
  });
});
