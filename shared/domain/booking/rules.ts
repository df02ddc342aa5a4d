import { AppError } from '../../errors';
import { normalizePrestazioneCode, prestazioneKind, type PrestazioneKind } from '../catalogue';
import { addDays, daysBetween, formatItalianDate } from '../dates';
import type { Pai } from '../pai/model';
import { occurrenceAt } from '../pai/schedule';
import { ACTIVE_BOOKING_STATUSES, type Booking, type BookingDates, type PriorityClass } from './model';

/**
 * The CUP's rules for a booking (seed 004): by when it must take place, and that the same
 * prescription is not booked twice. The checks on the appointment itself (a date in the past, a
 * provider outside the network, the 48 hours) belong to the moves of machine.ts.
 */

/** The longest wait each priority class allows, in days (U: 72 hours). */
export function maxWaitDays(priority: PriorityClass, kind: PrestazioneKind): number {
  switch (priority) {
    case 'U':
      return 3;
    case 'B':
      return 10;
    case 'D':
      return kind === 'visita' ? 30 : 60;
    case 'P':
      return 120;
  }
}

export interface BookingWindow {
  start: string;
  end: string;
  /** A class written on the prescription (first access), else the PAI's cadence. */
  basis: 'priority' | 'cadence';
}

/**
 * By when the booked date should fall. With a priority class, from the request at the desk (else
 * the prescription) to the class's longest wait, visits and other prestazioni told apart by the
 * code (catalogue.ts); without one, the window of the PAI occurrence the booking serves. Null
 * when neither is known.
 */
export function bookingWindow(booking: Pick<Booking, 'code' | 'priority' | 'occurrence' | 'dates'>, pai: Pai | null): BookingWindow | null {
  const from = booking.dates.requestedOn ?? booking.dates.prescribedOn;
  if (booking.priority !== null && from !== null) {
    return { start: from, end: addDays(from, maxWaitDays(booking.priority, prestazioneKind(booking.code))), basis: 'priority' };
  }
  if (pai === null || booking.occurrence === null) return null;
  const o = occurrenceAt(pai, booking.code, booking.occurrence);
  return o && { start: o.windowStart, end: o.windowEnd, basis: 'cadence' };
}

export interface WindowFlag {
  kind: 'early' | 'late';
  days: number;
  message: string;
}

/** A booked date outside its window is flagged, not refused: the patient may have chosen it. */
export function windowFlag(date: string, window: BookingWindow): WindowFlag | null {
  const why = window.basis === 'priority' ? 'la classe di priorità' : 'la cadenza del PAI';
  if (date > window.end) {
    const days = daysBetween(window.end, date);
    return { kind: 'late', days, message: `Appuntamento il ${formatItalianDate(date)}: ${days} ${days === 1 ? 'giorno' : 'giorni'} oltre il ${formatItalianDate(window.end)}, il termine secondo ${why}.` };
  }
  if (date < window.start) {
    const days = daysBetween(date, window.start);
    return { kind: 'early', days, message: `Appuntamento il ${formatItalianDate(date)}: ${days} ${days === 1 ? 'giorno' : 'giorni'} prima del ${formatItalianDate(window.start)}, l'inizio secondo ${why}.` };
  }
  return null;
}

/** How the booked date stands against its window: what a list of bookings shows beside each. */
export function bookingWindowFlag(booking: Pick<Booking, 'code' | 'priority' | 'occurrence' | 'dates'>, pai: Pai | null): WindowFlag | null {
  const window = bookingWindow(booking, pai);
  return window && booking.dates.bookedFor !== null ? windowFlag(booking.dates.bookedFor, window) : null;
}

export class BookingRuleError extends AppError {}

/**
 * Refuses a second booking under way for the same prestazione of the same prescription (the CUP
 * checks this against the impegnativa; one prescription may hold several prestazioni), or for
 * the same PAI occurrence of the patient. Cancelled, missed and completed bookings do not count.
 */
export function assertNotBookedTwice(candidate: Pick<Booking, 'patientId' | 'code' | 'occurrence' | 'prescriptionNumber'>, existing: readonly Booking[]): void {
  for (const b of existing) {
    if (!ACTIVE_BOOKING_STATUSES.includes(b.status) || b.code !== candidate.code) continue;
    if (candidate.prescriptionNumber !== null && b.prescriptionNumber === candidate.prescriptionNumber) {
      throw new BookingRuleError(
        'prescription-booked',
        `prescription ${candidate.prescriptionNumber} already has a booking under way for ${candidate.code}`,
        `La prescrizione ${candidate.prescriptionNumber} ha già una prenotazione in corso per ${candidate.code}: disdire quella prima di prenotarne un'altra.`,
      );
    }
    if (candidate.occurrence !== null && b.patientId === candidate.patientId && b.occurrence === candidate.occurrence) {
      throw new BookingRuleError(
        'occurrence-booked',
        `${candidate.code} of ${candidate.occurrence} already has a booking under way`,
        `Per ${candidate.code} c'è già una prenotazione in corso per la scadenza del ${formatItalianDate(candidate.occurrence)}.`,
      );
    }
  }
}

export interface BookingRequest {
  patientId: number;
  code: string;
  occurrence: string | null;
  prescriptionNumber: string | null;
  priority: PriorityClass | null;
  prescribedOn: string | null;
  /** Taken on paper while the system was down, it keeps the day it was really made. */
  requestedOn: string;
}

/** A new booking waiting for an appointment, after the double-booking check. */
export function requestBooking(request: BookingRequest, existing: readonly Booking[], today: string): Booking {
  if (request.requestedOn > today) throw new BookingRuleError('request-in-future', `request dated ${request.requestedOn}, after ${today}`, 'La data della richiesta non può essere nel futuro.');
  if (request.prescribedOn !== null && request.prescribedOn > request.requestedOn) {
    throw new BookingRuleError('prescribed-after-request', 'prescription dated after the request', 'La data della prescrizione non può essere successiva alla richiesta.');
  }
  assertNotBookedTwice({ ...request, code: normalizePrestazioneCode(request.code) }, existing);
  const dates: BookingDates = {
    prescribedOn: request.prescribedOn,
    requestedOn: request.requestedOn,
    firstRegionalOffer: null,
    firstDistrictOffer: null,
    bookedFor: null,
    performedOn: null,
    reportDeliveredOn: null,
  };
  return {
    patientId: request.patientId,
    code: normalizePrestazioneCode(request.code),
    occurrence: request.occurrence,
    prescriptionNumber: request.prescriptionNumber,
    priority: request.priority,
    status: 'requested',
    dates,
    slot: null,
    confirmedAt: null,
    cancellation: null,
  };
}
