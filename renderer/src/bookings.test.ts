import { describe, expect, it } from 'vitest';
import { appointmentText, dueWhenText, movesFor, readBookForm, readRequestForm, reminderConsentText, sortAdherence } from './bookings';

const TODAY = '2026-03-02';
const book = { date: '10/03/2026', time: '8.30', place: 'Via Roma 1', providerCode: 'P1', firstRegionalOffer: '', firstDistrictOffer: '05/03/26' };

describe('the Prenotazioni page logic', () => {
  it('reads the appointment form, times like 8.30 as 08:30', () => {
    expect(readBookForm(book, TODAY)).toEqual({
      ok: true,
      value: { type: 'book', date: '2026-03-10', time: '08:30', place: 'Via Roma 1', providerCode: 'P1', firstRegionalOffer: null, firstDistrictOffer: '2026-03-05' },
    });
  });

  it('names the first field of the appointment to fix', () => {
    expect(readBookForm({ ...book, date: '31/02/2026' }, TODAY)).toMatchObject({ ok: false, field: 'date' });
    expect(readBookForm({ ...book, time: '25:00' }, TODAY)).toMatchObject({ ok: false, field: 'time', message: 'Ora non valida: scrivere ore e minuti, ad esempio 08:30.' });
    expect(readBookForm({ ...book, providerCode: '' }, TODAY)).toMatchObject({ ok: false, field: 'providerCode' });
    expect(readBookForm({ ...book, place: ' ' }, TODAY)).toMatchObject({ ok: false, field: 'place' });
    expect(readBookForm({ ...book, firstRegionalOffer: 'ieri' }, TODAY)).toMatchObject({ ok: false, field: 'firstRegionalOffer' });
  });

  it('reads the request: everything optional, the prescription not in the future', () => {
    expect(readRequestForm({ priority: '', prescriptionNumber: '', prescribedOn: '' }, TODAY)).toEqual({ ok: true, value: { priority: null, prescriptionNumber: null, prescribedOn: null } });
    expect(readRequestForm({ priority: 'D', prescriptionNumber: ' 0301a ', prescribedOn: '01/03/2026' }, TODAY)).toEqual({ ok: true, value: { priority: 'D', prescriptionNumber: '0301A', prescribedOn: '2026-03-01' } });
    expect(readRequestForm({ priority: '', prescriptionNumber: '12/3', prescribedOn: '' }, TODAY)).toMatchObject({ ok: false, field: 'prescriptionNumber' });
    expect(readRequestForm({ priority: '', prescriptionNumber: '', prescribedOn: '03/03/2026' }, TODAY)).toMatchObject({ ok: false, field: 'prescribedOn', message: 'La data della ricetta non può essere nel futuro.' });
  });

  it('offers the moves the core allows in each state', () => {
    expect(movesFor('requested')).toEqual(['book', 'cancel']);
    expect(movesFor('booked')).toEqual(['confirm', 'perform', 'cancel', 'no-show']);
    expect(movesFor('confirmed')).toEqual(['perform', 'cancel', 'no-show']);
    expect(movesFor('performed')).toEqual(['deliver-report']);
    expect(movesFor('reported')).toEqual([]);
  });

  it('says when a due occurrence is to be booked', () => {
    expect(dueWhenText({ state: 'open', windowStart: '2026-02-20', windowEnd: '2026-03-07', daysLeft: 5 })).toBe('entro il 07/03/2026 (tra 5 giorni)');
    expect(dueWhenText({ state: 'upcoming', windowStart: '2026-03-20', windowEnd: '2026-04-07', daysLeft: 36 })).toBe('da prenotare dal 20/03/2026');
    expect(dueWhenText({ state: 'overdue', windowStart: '2026-01-20', windowEnd: '2026-03-01', daysLeft: -1 })).toBe('finestra chiusa il 01/03/2026 (da 1 giorno)');
  });

  it('puts the worst adherence first, those with nothing counted last', () => {
    const p = (surname: string, percent: number | null, overdue = 0, planned = 4) => ({ surname, givenName: 'A', percent, overdue, planned, prescribed: 0, booked: 0, performed: 0 });
    const list = [p('Verdi', 80), p('Bianchi', null), p('Rossi', 20, 1), p('Neri', 20, 3, 9)];
    expect(sortAdherence(list, 'percent').map((x) => x.surname)).toEqual(['Neri', 'Rossi', 'Verdi', 'Bianchi']);
    expect(sortAdherence(list, 'name').map((x) => x.surname)).toEqual(['Bianchi', 'Neri', 'Rossi', 'Verdi']);
    expect(sortAdherence(list, 'planned')[0]?.surname).toBe('Neri');
  });

  it('writes the appointment in one line', () => {
    const dates = { prescribedOn: null, requestedOn: null, firstRegionalOffer: null, firstDistrictOffer: null, bookedFor: '2026-03-10', performedOn: null, reportDeliveredOn: null };
    expect(appointmentText({ dates, slot: { time: '08:30', place: 'Via Roma 1', providerCode: 'P1' }, providerName: 'Poliambulatorio' })).toBe('10/03/2026 alle 08:30, Via Roma 1 (Poliambulatorio)');
    expect(appointmentText({ dates: { ...dates, bookedFor: null }, slot: null, providerName: null })).toBeNull();
  });
});

describe('reminderConsentText', () => {
  it('says whether reminders may be sent from the privacy form\'s answer', () => {
    expect(reminderConsentText(null)).toMatch(/non ancora firmata/);
    expect(reminderConsentText(true)).toMatch(/consenso dato/);
    expect(reminderConsentText(false)).toMatch(/consenso negato/);
  });
});
