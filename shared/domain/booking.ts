import { z } from 'zod';
import { IsoDate } from './dates';

/** CUP priority classes and the longest wait each allows, in days. */
export const PriorityClass = z.enum(['U', 'B', 'D', 'P']);
export type PriorityClass = z.infer<typeof PriorityClass>;

export const PRIORITY_LABEL: Record<PriorityClass, string> = {
  U: 'Urgente (entro 72 ore)',
  B: 'Breve (entro 10 giorni)',
  D: 'Differibile (30 giorni visite, 60 esami strumentali)',
  P: 'Programmata (entro 120 giorni)',
};

export type PrestazioneKind = 'visita' | 'strumentale';

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

/** The seven dates each booked prestazione records (CUP guidelines). */
export const BookingDates = z.object({
  prescribedOn: IsoDate.nullable(),
  requestedOn: IsoDate.nullable(),
  firstRegionalOffer: IsoDate.nullable(),
  firstDistrictOffer: IsoDate.nullable(),
  bookedFor: IsoDate.nullable(),
  performedOn: IsoDate.nullable(),
  reportDeliveredOn: IsoDate.nullable(),
});
export type BookingDates = z.infer<typeof BookingDates>;

export const BookingStatus = z.enum(['requested', 'booked', 'confirmed', 'performed', 'cancelled', 'no_show']);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** Cancellations must reach the provider at least this many hours before the appointment. */
export const CANCELLATION_NOTICE_HOURS = 48;
