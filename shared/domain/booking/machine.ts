import { AppError } from '../../errors';
import { formatItalianDate } from '../dates';
import { hoursBetween, instantMs, romeDateOf, romeWallTimeMs } from '../romeTime';
import { BOOKING_STATUS_LABEL, CANCELLATION_NOTICE_HOURS, type Booking, type BookingStatus, type Slot } from './model';

/**
 * The life of a booking as one transition function:
 *   requested --book--> booked --confirm--> confirmed --perform--> performed --deliver-report--> reported
 *   booked --perform--> performed          (the confirmation call may not reach the patient)
 *   requested | booked | confirmed --cancel--> cancelled   (48 hours or more before: the slot is released; later: late)
 *   booked | confirmed --no-show--> no_show                 (once the appointment has passed)
 * Moves are dated by `now`, an instant: the 48 hours are real hours, across summer time too.
 */

export type BookingEvent =
  | { type: 'book'; date: string; slot: Slot; firstRegionalOffer: string | null; firstDistrictOffer: string | null }
  | { type: 'confirm' }
  | { type: 'perform'; on: string }
  | { type: 'deliver-report'; on: string }
  | { type: 'cancel'; reason: string | null }
  | { type: 'no-show' };

export type BookingEventType = BookingEvent['type'];

export interface BookingContext {
  /** The current instant (ISO 8601 with offset). */
  now: string;
  /** Codes of the providers of the cooperative's network (providers.ts, networkOf). */
  network: ReadonlySet<string>;
}

export const BOOKING_ALLOWED: Readonly<Record<BookingEventType, readonly BookingStatus[]>> = {
  book: ['requested'],
  confirm: ['booked'],
  perform: ['booked', 'confirmed'],
  'deliver-report': ['performed'],
  cancel: ['requested', 'booked', 'confirmed'],
  'no-show': ['booked', 'confirmed'],
};

export function bookingAllows(status: BookingStatus, event: BookingEventType): boolean {
  return BOOKING_ALLOWED[event].includes(status);
}

const EVENT_LABEL: Record<BookingEventType, string> = {
  book: 'fissare l\'appuntamento',
  confirm: 'confermare',
  perform: 'registrare l\'esecuzione',
  'deliver-report': 'registrare la consegna del referto',
  cancel: 'disdire',
  'no-show': 'registrare la mancata presentazione',
};

export class BookingTransitionError extends AppError {
  constructor(
    readonly from: BookingStatus,
    readonly event: BookingEventType,
    detail?: { code: string; en: string; it: string },
  ) {
    super(
      detail?.code ?? 'transition-not-allowed',
      detail?.en ?? `cannot ${event} a booking in state ${from}`,
      detail?.it ?? `Non è possibile ${EVENT_LABEL[event]}: la prenotazione è nello stato "${BOOKING_STATUS_LABEL[from]}".`,
    );
  }
}

/** The appointment's instant, from its Rome date and time; null before one is booked. */
function appointmentMs(b: Pick<Booking, 'dates' | 'slot'>): number | null {
  return b.dates.bookedFor !== null && b.slot !== null ? romeWallTimeMs(b.dates.bookedFor, b.slot.time) : null;
}

/** Applies `event` at `ctx.now`; throws BookingTransitionError for what the rules do not allow. */
export function transitionBooking<B extends Booking>(b: B, event: BookingEvent, ctx: BookingContext): B {
  const refuse = (code: string, en: string, it: string) => new BookingTransitionError(b.status, event.type, { code, en, it });
  if (!BOOKING_ALLOWED[event.type].includes(b.status)) throw new BookingTransitionError(b.status, event.type);
  const now = instantMs(ctx.now);
  const today = romeDateOf(now);
  const at = appointmentMs(b);
  switch (event.type) {
    case 'book': {
      if (!ctx.network.has(event.slot.providerCode)) {
        throw refuse('provider-not-in-network', `provider ${event.slot.providerCode} is not in the network`, `L'erogatore "${event.slot.providerCode}" non fa parte della rete della cooperativa.`);
      }
      if (romeWallTimeMs(event.date, event.slot.time) <= now) {
        throw refuse('appointment-in-past', `appointment ${event.date} ${event.slot.time} is in the past`, `L'appuntamento del ${formatItalianDate(event.date)} alle ${event.slot.time} è nel passato.`);
      }
      return {
        ...b,
        status: 'booked',
        slot: event.slot,
        dates: { ...b.dates, bookedFor: event.date, firstRegionalOffer: event.firstRegionalOffer, firstDistrictOffer: event.firstDistrictOffer },
      };
    }
    case 'confirm':
      if (at !== null && at <= now) {
        throw refuse('appointment-passed', 'the appointment has passed', 'L\'appuntamento è già passato: registrare se è stato eseguito o se il paziente non si è presentato.');
      }
      return { ...b, status: 'confirmed', confirmedAt: ctx.now };
    case 'perform':
      if (event.on > today) throw refuse('date-in-future', `performed on ${event.on}, after today`, 'La data di esecuzione non può essere nel futuro.');
      return { ...b, status: 'performed', dates: { ...b.dates, performedOn: event.on } };
    case 'deliver-report':
      if (event.on > today) throw refuse('date-in-future', `report on ${event.on}, after today`, 'La data di consegna del referto non può essere nel futuro.');
      if (b.dates.performedOn !== null && event.on < b.dates.performedOn) {
        throw refuse('report-before-performance', 'report delivered before the performance', 'Il referto non può essere consegnato prima dell\'esecuzione.');
      }
      return { ...b, status: 'reported', dates: { ...b.dates, reportDeliveredOn: event.on } };
    case 'cancel': {
      const reason = event.reason?.trim() || null;
      if (at === null) return { ...b, status: 'cancelled', cancellation: { at: ctx.now, reason, notice: 'before_booking' } };
      if (at <= now) throw refuse('appointment-passed', 'the appointment has passed', 'L\'appuntamento è già passato: registrare se è stato eseguito o se il paziente non si è presentato.');
      const notice = hoursBetween(now, at) >= CANCELLATION_NOTICE_HOURS ? 'released' : 'late';
      return { ...b, status: 'cancelled', cancellation: { at: ctx.now, reason, notice } };
    }
    case 'no-show':
      if (at === null || at > now) throw refuse('appointment-not-passed', 'the appointment has not passed yet', 'L\'appuntamento non è ancora passato.');
      return { ...b, status: 'no_show' };
  }
}
