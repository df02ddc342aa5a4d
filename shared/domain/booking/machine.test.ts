import { describe, expect, it } from 'vitest';
import { aBooking } from '../../../test/support/paiFixtures';
import { networkOf } from '../providers';
import { bookingAllows, BookingTransitionError, transitionBooking, type BookingEvent } from './machine';
import { BookingStatus, type Booking } from './model';

const network = networkOf('milano');
const at = (now: string) => ({ now, network });
const slot = { time: '09:30', place: 'Via Roma 1, Milano', providerCode: 'cdi' };
const BOOK: BookingEvent = { type: 'book', date: '2027-03-10', slot, firstRegionalOffer: '2027-03-08', firstDistrictOffer: '2027-03-10' };
const requested = aBooking('88.72.2', '2027-01-15', { prescriptionNumber: '030A01234567890', dates: { ...aBooking('x', null).dates, prescribedOn: '2027-01-10', requestedOn: '2027-01-12' } });
/** Booked for Monday 30 March 2026 at 09:00 Rome (CEST, 07:00 UTC): the first Monday of summer time. */
const booked = (date = '2026-03-30', time = '09:00'): Booking => ({ ...requested, status: 'booked', slot: { ...slot, time }, dates: { ...requested.dates, bookedFor: date } });

function refusal(run: () => unknown): BookingTransitionError {
  try {
    run();
  } catch (e) {
    return e as BookingTransitionError;
  }
  throw new Error('expected a refusal');
}

describe('booking transitions', () => {
  /** Written out by hand from the issue, independently of the implementation's table. */
  const EXPECTED = new Set([
    'requested book', 'booked confirm', 'booked perform', 'confirmed perform', 'performed deliver-report',
    'requested cancel', 'booked cancel', 'confirmed cancel', 'booked no-show', 'confirmed no-show',
  ]);
  const EVENTS: BookingEvent[] = [BOOK, { type: 'confirm' }, { type: 'perform', on: '2027-03-10' }, { type: 'deliver-report', on: '2027-03-10' }, { type: 'cancel', reason: null }, { type: 'no-show' }];
  for (const status of BookingStatus.options) {
    for (const event of EVENTS) {
      const allowed = EXPECTED.has(`${status} ${event.type}`);
      it(`${allowed ? 'allows' : 'forbids'} ${event.type} from ${status}`, () => {
        expect(bookingAllows(status, event.type)).toBe(allowed);
        // An appointment of 10 March 2027 at 09:30: before it to book, confirm, cancel; after it for the rest.
        const before = ['book', 'confirm', 'cancel'].includes(event.type);
        const b: Booking = { ...booked('2027-03-10', '09:30'), status, dates: { ...booked('2027-03-10', '09:30').dates, performedOn: '2027-03-10' } };
        const run = () => transitionBooking(b, event, at(before ? '2027-03-01T08:00:00Z' : '2027-03-11T08:00:00Z'));
        if (allowed) expect(run().status).not.toBe(status);
        else expect(run).toThrow(BookingTransitionError);
      });
    }
  }

  it('books a slot, recording the date and the first dates offered', () => {
    const b = transitionBooking({ ...requested, id: 7 } as Booking & { id: number }, BOOK, at('2027-03-01T08:00:00Z'));
    expect(b).toMatchObject({ id: 7, status: 'booked', slot, dates: { prescribedOn: '2027-01-10', requestedOn: '2027-01-12', firstRegionalOffer: '2027-03-08', firstDistrictOffer: '2027-03-10', bookedFor: '2027-03-10' } });
  });

  it('refuses an appointment in the past, to the minute', () => {
    expect(refusal(() => transitionBooking(requested, BOOK, at('2027-03-10T08:31:00Z'))).userMessage).toBe('L\'appuntamento del 10/03/2027 alle 09:30 è nel passato.');
    expect(transitionBooking(requested, BOOK, at('2027-03-10T08:29:00Z')).status).toBe('booked');
    expect(refusal(() => transitionBooking(requested, { ...BOOK, date: '2027-03-09' }, at('2027-03-10T07:00:00Z'))).code).toBe('appointment-in-past');
  });

  it('refuses a provider outside the network', () => {
    const e = refusal(() => transitionBooking(requested, { ...BOOK, slot: { ...slot, providerCode: 'asst-pavia' } }, at('2027-03-01T08:00:00Z')));
    expect(e.code).toBe('provider-not-in-network');
    expect(e.userMessage).toBe('L\'erogatore "asst-pavia" non fa parte della rete della cooperativa.');
    expect(transitionBooking(requested, { ...BOOK, slot: { ...slot, providerCode: 'asst-pavia' } }, { now: '2027-03-01T08:00:00Z', network: networkOf('pavia') }).status).toBe('booked');
  });

  it('releases the slot of a cancellation 48 hours or more before, and records a later one as late', () => {
    const monday = booked('2026-10-19', '09:00'); // 07:00 UTC
    expect(transitionBooking(monday, { type: 'cancel', reason: ' Impegno di lavoro ' }, at('2026-10-17T07:00:00Z')).cancellation).toEqual({ at: '2026-10-17T07:00:00Z', reason: 'Impegno di lavoro', notice: 'released' });
    expect(transitionBooking(monday, { type: 'cancel', reason: null }, at('2026-10-17T07:01:00Z')).cancellation?.notice).toBe('late');
    expect(transitionBooking(requested, { type: 'cancel', reason: null }, at('2026-10-17T07:01:00Z')).cancellation?.notice).toBe('before_booking');
    expect(refusal(() => transitionBooking(monday, { type: 'cancel', reason: null }, at('2026-10-19T07:00:00Z'))).code).toBe('appointment-passed');
  });

  it('counts the 48 hours in real hours across the summer-time changes', () => {
    // Saturday 28 March 2026 08:30 CET (07:30 UTC) to Monday 30 March 09:00 CEST (07:00 UTC): 47.5 hours, though the wall clocks say 48.5.
    expect(transitionBooking(booked('2026-03-30', '09:00'), { type: 'cancel', reason: null }, at('2026-03-28T08:30:00+01:00')).cancellation?.notice).toBe('late');
    // Saturday 24 October 2026 09:30 CEST (07:30 UTC) to Monday 26 October 09:00 CET (08:00 UTC): 48.5 hours, though the wall clocks say 47.5.
    expect(transitionBooking(booked('2026-10-26', '09:00'), { type: 'cancel', reason: null }, at('2026-10-24T09:30:00+02:00')).cancellation?.notice).toBe('released');
  });

  it('confirms only before the appointment, records a no-show only after it', () => {
    const b = booked('2027-03-10', '09:30');
    expect(transitionBooking(b, { type: 'confirm' }, at('2027-03-08T10:00:00Z'))).toMatchObject({ status: 'confirmed', confirmedAt: '2027-03-08T10:00:00Z' });
    expect(refusal(() => transitionBooking(b, { type: 'confirm' }, at('2027-03-10T09:00:00Z'))).code).toBe('appointment-passed');
    expect(refusal(() => transitionBooking(b, { type: 'no-show' }, at('2027-03-10T08:00:00Z'))).userMessage).toBe('L\'appuntamento non è ancora passato.');
    expect(transitionBooking(b, { type: 'no-show' }, at('2027-03-10T08:30:00Z')).status).toBe('no_show');
  });

  it('records performance and report on days not in the future, the report not before the performance', () => {
    const b = booked('2027-03-10', '09:30');
    const done = transitionBooking(b, { type: 'perform', on: '2027-03-10' }, at('2027-03-10T23:30:00Z'));
    expect(done).toMatchObject({ status: 'performed', dates: { performedOn: '2027-03-10' } });
    // 23:30 UTC on 10 March is already 11 March in Rome.
    expect(transitionBooking(b, { type: 'perform', on: '2027-03-11' }, at('2027-03-10T23:30:00Z')).dates.performedOn).toBe('2027-03-11');
    expect(refusal(() => transitionBooking(b, { type: 'perform', on: '2027-03-12' }, at('2027-03-10T23:30:00Z'))).userMessage).toBe('La data di esecuzione non può essere nel futuro.');
    expect(refusal(() => transitionBooking(done, { type: 'deliver-report', on: '2027-03-09' }, at('2027-03-20T10:00:00Z'))).code).toBe('report-before-performance');
    expect(transitionBooking(done, { type: 'deliver-report', on: '2027-03-18' }, at('2027-03-20T10:00:00Z'))).toMatchObject({ status: 'reported', dates: { performedOn: '2027-03-10', reportDeliveredOn: '2027-03-18' } });
  });
});
