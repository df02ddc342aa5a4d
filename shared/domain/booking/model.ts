import { z } from 'zod';
import { IsoDate } from '../dates';
import { ClockTime, Instant } from '../romeTime';

/**
 * A booking of one PAI prestazione with a provider of the network (DOMAIN.md, "Bookings"; the
 * CUP guidelines, seed 004). The rules live in rules.ts, the life of a booking in machine.ts.
 */

/** CUP priority classes, as written on the prescription. */
export const PriorityClass = z.enum(['U', 'B', 'D', 'P']);
export type PriorityClass = z.infer<typeof PriorityClass>;

export const PRIORITY_LABEL: Record<PriorityClass, string> = {
  U: 'Urgente (entro 72 ore)',
  B: 'Breve (entro 10 giorni)',
  D: 'Differibile (30 giorni visite, 60 esami strumentali)',
  P: 'Programmata (entro 120 giorni)',
};

/** The seven dates each booked prestazione records (CUP guidelines, "sette date"). */
export const BookingDates = z.object({
  /** Data della Ricetta: when the doctor prescribed it. */
  prescribedOn: IsoDate.nullable(),
  /** Data di Sportello: when the request reached the desk or the call centre. */
  requestedOn: IsoDate.nullable(),
  /** Prima Data Utile Regionale: the first date offered anywhere in the region. */
  firstRegionalOffer: IsoDate.nullable(),
  /** Prima Data Utile Distrettuale: the first date offered in the patient's district. */
  firstDistrictOffer: IsoDate.nullable(),
  /** Data di Prenotazione: the day of the appointment. */
  bookedFor: IsoDate.nullable(),
  /** Data di Erogazione. */
  performedOn: IsoDate.nullable(),
  /** Data di Consegna Referto: when the last report was delivered. */
  reportDeliveredOn: IsoDate.nullable(),
});
export type BookingDates = z.infer<typeof BookingDates>;

export const BookingStatus = z.enum(['requested', 'booked', 'confirmed', 'performed', 'reported', 'cancelled', 'no_show']);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const BOOKING_STATUS_LABEL: Record<BookingStatus, string> = {
  requested: 'Da prenotare',
  booked: 'Prenotata',
  confirmed: 'Confermata',
  performed: 'Eseguita',
  reported: 'Referto consegnato',
  cancelled: 'Disdetta',
  no_show: 'Non presentato',
};

/** States in which a booking holds its prescription: another one for it would book it twice. */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['requested', 'booked', 'confirmed'];

/** Cancellations must reach the provider at least this many hours before the appointment. */
export const CANCELLATION_NOTICE_HOURS = 48;

/** Where and when, besides the day (which is `dates.bookedFor`). */
export const Slot = z.object({
  /** Rome wall-clock time. */
  time: ClockTime,
  place: z.string().trim().min(1, { error: 'Indicare il luogo dell\'appuntamento.' }).max(300),
  /** The provider's code in the network (shared/data/erogatori-cmmc.json). */
  providerCode: z.string().trim().min(1, { error: 'Indicare l\'erogatore.' }).max(80),
});
export type Slot = z.infer<typeof Slot>;

/**
 * How a cancellation stands against the 48 hours: in time, the slot goes back to the provider
 * and any ticket is refunded; late, it is recorded as such (the ticket is not refunded); before
 * any slot was booked, there was nothing to release.
 */
export const CancellationNotice = z.enum(['released', 'late', 'before_booking']);
export type CancellationNotice = z.infer<typeof CancellationNotice>;

export const Cancellation = z.object({
  at: Instant,
  reason: z.string().trim().max(500).nullable(),
  notice: CancellationNotice,
});
export type Cancellation = z.infer<typeof Cancellation>;

export const Booking = z.object({
  patientId: z.number().int().positive(),
  /** National catalogue code of the prestazione. */
  code: z.string().trim().toUpperCase().min(1).max(20),
  /**
   * The PAI occurrence this booking serves (its nominal date, see pai/schedule.ts); null for a
   * prestazione outside the PAI. It ties the booking to the plan's window and to adherence.
   */
  occurrence: IsoDate.nullable(),
  /** The prescription's number (NRE of the ricetta dematerializzata), once there is one. */
  prescriptionNumber: z.string().trim().min(1).max(40).nullable(),
  /** The class written on the prescription, for a first access; null for follow-ups of the plan. */
  priority: PriorityClass.nullable(),
  status: BookingStatus,
  dates: BookingDates,
  slot: Slot.nullable(),
  confirmedAt: Instant.nullable(),
  cancellation: Cancellation.nullable(),
});
export type Booking = z.infer<typeof Booking>;
