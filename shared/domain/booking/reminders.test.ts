import { describe, expect, it } from 'vitest';
import { aBooking } from '../../../test/support/paiFixtures';
import type { Booking } from './model';
import { noShowList, outcomeMissing, reminderBatch, reminderText, revealingWord, toConfirm, type ReminderRecipient } from './reminders';

const on = (date: string, time = '09:30', over: Partial<Booking> = {}): Booking =>
  aBooking('90.28.1', null, { status: 'booked', slot: { time, place: 'Via Roma 1, Milano', providerCode: 'cdi' }, dates: { ...aBooking('x', null).dates, bookedFor: date }, ...over });

const sender = { studioName: 'Studio medico dott. Bianchi', studioPhone: '02 1234567' };

describe('confirmation calls', () => {
  it('lists booked appointments 2-3 days ahead, not yet confirmed, by day and time', () => {
    const bookings = [on('2027-03-09'), on('2027-03-11', '08:00'), on('2027-03-10', '11:00'), on('2027-03-10', '08:15'), on('2027-03-12'), on('2027-03-10', '10:00', { status: 'confirmed' })];
    expect(toConfirm(bookings, '2027-03-08').map((b) => `${b.dates.bookedFor} ${b.slot?.time}`)).toEqual(['2027-03-10 08:15', '2027-03-10 11:00', '2027-03-11 08:00']);
  });

  it('counts calendar days across the new year and the change of summer time', () => {
    expect(toConfirm([on('2027-01-01'), on('2027-01-02'), on('2027-01-03')], '2026-12-30').map((b) => b.dates.bookedFor)).toEqual(['2027-01-01', '2027-01-02']);
    expect(toConfirm([on('2026-03-30'), on('2026-03-31')], '2026-03-28').map((b) => b.dates.bookedFor)).toEqual(['2026-03-30', '2026-03-31']);
  });

  it('lists past appointments with no outcome recorded, and the no-shows by patient', () => {
    const bookings = [on('2027-03-01'), on('2027-03-02', '09:30', { status: 'confirmed' }), on('2027-03-03', '09:30', { status: 'performed' }), on('2027-03-08')];
    expect(outcomeMissing(bookings, '2027-03-08').map((b) => b.dates.bookedFor)).toEqual(['2027-03-01', '2027-03-02']);
    const missed = [on('2027-02-01', '09:30', { status: 'no_show', patientId: 2 }), on('2027-02-10', '09:30', { status: 'no_show', patientId: 3 }), on('2027-01-05', '09:30', { status: 'no_show', patientId: 3 }), on('2027-04-01', '09:30', { status: 'no_show', patientId: 4 }), on('2027-02-11', '09:30', { status: 'cancelled', patientId: 4 })];
    expect(noShowList(missed, '2027-01-01', '2027-03-31').map((r) => `${r.patientId}: ${r.bookings.map((b) => b.dates.bookedFor).join(', ')}`)).toEqual(['3: 2027-01-05, 2027-02-10', '2: 2027-02-01']);
  });
});

describe('reminders by SMS and e-mail', () => {
  it('say who sends them, when and where, how to cancel and how to stop: nothing about the prestazione', () => {
    const appointment = { date: '2027-03-10', time: '09:30', place: 'Via Roma 1, Milano' };
    expect(reminderText('sms', sender, appointment)).toEqual({
      subject: null,
      text: 'Studio medico dott. Bianchi: promemoria appuntamento mercoledì 10/03/2027 ore 09:30, Via Roma 1, Milano. Se non può venire avvisi almeno 48 ore prima al 02 1234567. Per non ricevere più promemoria risponda STOP.',
    });
    expect(reminderText('email', { ...sender, studioPhone: null }, appointment)).toEqual({
      subject: 'Promemoria appuntamento del 10/03/2027',
      text: 'Gentile paziente,\nle ricordiamo l\'appuntamento di mercoledì 10/03/2027 alle ore 09:30 presso Via Roma 1, Milano.\nSe non potesse presentarsi, la preghiamo di avvisare almeno 48 ore prima.\n\nStudio medico dott. Bianchi\n\nPer non ricevere più questi promemoria risponda a questo messaggio scrivendo STOP.',
    });
  });

  it('leave out who opted out, did not consent, has no contact, has no appointment, or whose place names a specialty', () => {
    const bookings = [
      on('2027-03-10', '09:30', { patientId: 1 }),
      on('2027-03-10', '09:40', { patientId: 2 }),
      on('2027-03-10', '09:50', { patientId: 3 }),
      on('2027-03-10', '10:00', { patientId: 4 }),
      on('2027-03-10', '10:10', { patientId: 5, slot: { time: '10:10', place: 'CENTRO CARDIOLOGICO MONZINO', providerCode: 'centro-cardiologico-monzino' } }),
      on('2027-03-10', '10:20', { patientId: 1, status: 'cancelled' }),
      on('2027-03-10', '10:30', { patientId: 6 }),
    ];
    const person = (patientId: number, over: Partial<ReminderRecipient> = {}): ReminderRecipient => ({ patientId, mobile: '+39 333 1234567', email: 'paziente@example.org', remindersConsent: true, optedOut: false, ...over });
    const recipients = [person(1), person(2, { optedOut: true }), person(3, { remindersConsent: false }), person(4, { mobile: null }), person(5)];
    const { messages, leftOut } = reminderBatch(bookings, recipients, 'sms', sender);
    expect(messages.map((m) => `${m.patientId} ${m.to}`)).toEqual(['1 +39 333 1234567']);
    expect(messages[0]?.text).not.toMatch(/90\.28\.1|emoglobin|glicat|diabet/i);
    expect(leftOut.map((l) => `${l.booking.patientId} ${l.reason}`)).toEqual(['2 opted_out', '3 no_consent', '4 no_contact', '5 place_reveals', '1 not_booked', '6 no_consent']);
    expect(reminderBatch(bookings.slice(3, 4), recipients, 'email', sender).messages.map((m) => m.to)).toEqual(['paziente@example.org']);
  });

  it('know the place names that give a specialty away', () => {
    expect(revealingWord('IRCCS ISTITUTO DEI TUMORI')).toBe('tumor');
    expect(revealingWord('IRCCS FOND.IST.NEUROLOGICO NAZ. C. MONDINO')).toBe('neurolog');
    expect(revealingWord('ASST Santi Paolo e Carlo, via di Rudinì 8, Milano')).toBeNull();
  });
});
