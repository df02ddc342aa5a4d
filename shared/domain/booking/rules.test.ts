import { describe, expect, it } from 'vitest';
import { aBooking, anItem, aPai, monthly, yearly } from '../../../test/support/paiFixtures';
import { BookingRuleError, assertNotBookedTwice, bookingWindow, bookingWindowFlag, maxWaitDays, requestBooking, windowFlag } from './rules';

const pai = aPai('2026-09-15', [anItem('90.28.1', monthly(4, 6), '2026-09-15'), anItem('89.01.3', yearly, '2026-09-15')]);
const requested = (over: Parameters<typeof aBooking>[2]) => aBooking('89.01.3', null, over);

function refusal(run: () => unknown): BookingRuleError {
  try {
    run();
  } catch (e) {
    return e as BookingRuleError;
  }
  throw new Error('expected a refusal');
}

describe('CUP priority classes', () => {
  it('allow the waits of the regional guidelines', () => {
    expect(maxWaitDays('U', 'visita')).toBe(3);
    expect(maxWaitDays('B', 'strumentale')).toBe(10);
    expect(maxWaitDays('D', 'visita')).toBe(30);
    expect(maxWaitDays('D', 'strumentale')).toBe(60);
    expect(maxWaitDays('P', 'visita')).toBe(120);
  });

  it('give the window of a first access from the request, visits and exams told apart', () => {
    const dates = { ...aBooking('x', null).dates, prescribedOn: '2026-12-20', requestedOn: '2026-12-28' };
    expect(bookingWindow({ code: '89.7A.3', priority: 'U', occurrence: null, dates }, null)).toEqual({ start: '2026-12-28', end: '2026-12-31', basis: 'priority' });
    expect(bookingWindow({ code: '89.7A.3', priority: 'B', occurrence: null, dates }, null)?.end).toBe('2027-01-07');
    expect(bookingWindow({ code: '89.7A.3', priority: 'D', occurrence: null, dates }, null)?.end).toBe('2027-01-27');
    expect(bookingWindow({ code: '88.72.2', priority: 'D', occurrence: null, dates }, null)?.end).toBe('2027-02-26');
    expect(bookingWindow({ code: '88.72.2', priority: 'P', occurrence: null, dates }, null)?.end).toBe('2027-04-27');
    // Across 29 February.
    expect(bookingWindow({ code: '89.7A.3', priority: 'D', occurrence: null, dates: { ...dates, requestedOn: '2028-02-15' } }, null)?.end).toBe('2028-03-16');
    // No request date: the prescription's.
    expect(bookingWindow({ code: '89.52', priority: 'B', occurrence: null, dates: { ...dates, requestedOn: null } }, null)).toMatchObject({ start: '2026-12-20', end: '2026-12-30' });
  });

  it('give the window of a PAI follow-up from the occurrence it serves', () => {
    const b = aBooking('90.28.1', '2027-01-15');
    expect(bookingWindow(b, pai)).toEqual({ start: '2027-01-15', end: '2027-05-14', basis: 'cadence' });
    expect(bookingWindow(aBooking('90.28.1', null), pai)).toBeNull();
    expect(bookingWindow(b, null)).toBeNull();
  });

  it('flag a date beyond its window, or before it, without refusing it', () => {
    const window = { start: '2027-01-15', end: '2027-05-14', basis: 'cadence' as const };
    expect(windowFlag('2027-03-01', window)).toBeNull();
    expect(windowFlag('2027-05-14', window)).toBeNull();
    expect(windowFlag('2027-05-20', window)).toEqual({ kind: 'late', days: 6, message: 'Appuntamento il 20/05/2027: 6 giorni oltre il 14/05/2027, il termine secondo la cadenza del PAI.' });
    expect(windowFlag('2027-01-14', window)?.message).toBe('Appuntamento il 14/01/2027: 1 giorno prima del 15/01/2027, l\'inizio secondo la cadenza del PAI.');
    expect(windowFlag('2027-01-05', { start: '2026-12-28', end: '2026-12-31', basis: 'priority' })?.message).toMatch(/5 giorni oltre il 31\/12\/2026, il termine secondo la classe di priorità/);
    const late = aBooking('90.28.1', '2027-01-15', { status: 'booked', dates: { ...aBooking('x', null).dates, bookedFor: '2027-05-20' } });
    expect(bookingWindowFlag(late, pai)?.days).toBe(6);
    expect(bookingWindowFlag({ ...late, dates: { ...late.dates, bookedFor: '2027-02-01' } }, pai)).toBeNull();
    expect(bookingWindowFlag({ ...late, dates: { ...late.dates, bookedFor: null } }, pai)).toBeNull();
  });
});

describe('double booking', () => {
  const held = requested({ prescriptionNumber: '030A01234567890', status: 'booked' });

  it('refuses a second booking under way for the same prescription and prestazione', () => {
    const e = refusal(() => assertNotBookedTwice({ patientId: 1, code: '89.01.3', occurrence: null, prescriptionNumber: '030A01234567890' }, [held]));
    expect(e.code).toBe('prescription-booked');
    expect(e.userMessage).toBe('La prescrizione 030A01234567890 ha già una prenotazione in corso per 89.01.3: disdire quella prima di prenotarne un\'altra.');
  });

  it('allows another prestazione of the same prescription, and a new booking once the old one is cancelled or missed', () => {
    expect(() => assertNotBookedTwice({ patientId: 1, code: '89.52', occurrence: null, prescriptionNumber: '030A01234567890' }, [held])).not.toThrow();
    for (const status of ['cancelled', 'no_show', 'performed', 'reported'] as const) {
      expect(() => assertNotBookedTwice({ patientId: 1, code: '89.01.3', occurrence: null, prescriptionNumber: '030A01234567890' }, [{ ...held, status }])).not.toThrow();
    }
  });

  it('refuses a second booking of the same PAI occurrence, even without a prescription number', () => {
    const first = aBooking('90.28.1', '2027-01-15', { status: 'requested' });
    expect(refusal(() => assertNotBookedTwice({ patientId: 1, code: '90.28.1', occurrence: '2027-01-15', prescriptionNumber: null }, [first])).userMessage).toBe(
      'Per 90.28.1 c\'è già una prenotazione in corso per la scadenza del 15/01/2027.',
    );
    expect(() => assertNotBookedTwice({ patientId: 2, code: '90.28.1', occurrence: '2027-01-15', prescriptionNumber: null }, [first])).not.toThrow();
    expect(() => assertNotBookedTwice({ patientId: 1, code: '90.28.1', occurrence: '2027-05-15', prescriptionNumber: null }, [first])).not.toThrow();
  });

  it('makes the request only after the check, with its dates', () => {
    const request = { patientId: 1, code: ' 89.01.3 ', occurrence: null, prescriptionNumber: '030A01234567890', priority: 'D' as const, prescribedOn: '2026-12-20', requestedOn: '2026-12-28' };
    expect(() => requestBooking(request, [held], '2026-12-28')).toThrow(BookingRuleError);
    const made = requestBooking(request, [], '2026-12-28');
    expect(made).toMatchObject({ code: '89.01.3', status: 'requested', priority: 'D', dates: { prescribedOn: '2026-12-20', requestedOn: '2026-12-28', bookedFor: null } });
    expect(refusal(() => requestBooking({ ...request, requestedOn: '2026-12-29' }, [], '2026-12-28')).userMessage).toBe('La data della richiesta non può essere nel futuro.');
    expect(refusal(() => requestBooking({ ...request, prescribedOn: '2026-12-29', requestedOn: '2026-12-28' }, [], '2026-12-28')).userMessage).toBe('La data della prescrizione non può essere successiva alla richiesta.');
  });
});
