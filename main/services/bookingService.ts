import { randomUUID } from 'node:crypto';
import { AppError, NotFoundError } from '../../shared/errors';
import type { BookingMove, BookingView } from '../../shared/contract/bookings';
import type { Booking, BookingStatus } from '../../shared/domain/booking/model';
import { transitionBooking, type BookingEvent } from '../../shared/domain/booking/machine';
import { bookingWindow, requestBooking, windowFlag } from '../../shared/domain/booking/rules';
import type { Pai } from '../../shared/domain/pai/model';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import type { StoredBooking } from '../store/bookingStore';
import type { Store } from '../store/store';

const log = createLogger('bookings');

export class OccurrenceOfAnotherPatientError extends AppError {
  constructor(occurrenceId: number) {
    super('item-of-another-patient', `PAI occurrence ${occurrenceId} belongs to another patient`, 'La scadenza indicata è di un altro paziente: controllare il codice fiscale e il numero della scadenza.');
  }
}

/**
 * Bookings of the PAI's prestazioni under the CUP rules: a request from a due occurrence, then
 * the moves of its life. Each change, its audit entry and its outbox item (what the Centro
 * Servizi receives with the sync) commit together, so a request taken offline is not lost.
 */
export class BookingService {
  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {}

  request(input: { occurrenceId: number; patientId?: number; priority: Booking['priority']; prescriptionNumber: string | null; prescribedOn: string | null; requestedOn?: string }, operatorCf: string | null): BookingView {
    const o = this.store.pais.occurrence(input.occurrenceId);
    if (!o) throw new NotFoundError('PAI occurrence', 'Scadenza del PAI', input.occurrenceId);
    if (input.patientId !== undefined && input.patientId !== o.patientId) throw new OccurrenceOfAnotherPatientError(input.occurrenceId);
    const today = todayIn(this.clock);
    const booking = requestBooking(
      { patientId: o.patientId, code: o.code, occurrence: o.date, prescriptionNumber: input.prescriptionNumber, priority: input.priority, prescribedOn: input.prescribedOn, requestedOn: input.requestedOn ?? today },
      this.store.bookings.ofPatient(o.patientId),
      today,
    );
    const uid = randomUUID();
    const id = this.store.transaction(() => {
      const id = this.store.bookings.insert(booking, uid, o.description);
      this.store.audit.append({ operatorCf, action: 'booking.request', entity: 'booking', entityId: String(id), detail: { code: o.code, occurrence: o.date, priority: booking.priority } });
      this.store.outbox.enqueue('booking', id, o.patientId);
      return id;
    });
    log.info('booking requested', { id, code: o.code });
    this.events.emit('bookings.changed', { patientId: o.patientId });
    return this.get(id);
  }

  /** `alsoInTransaction`: what commits with the move (the confirmation call that caused it). */
  move(id: number, move: BookingMove, operatorCf: string | null, alsoInTransaction?: () => void): BookingView {
    const before = this.stored(id);
    const after = transitionBooking(before, toEvent(move), { now: this.clock.now().toISOString(), network: this.store.providers.network() });
    this.save(before, after, operatorCf, `booking.${move.type}`, { from: before.status, to: after.status }, alsoInTransaction);
    return this.get(id);
  }

  /** Writes a booking's new state with its audit entry and outbox item (the reminders' calls use it too). */
  save(before: StoredBooking, after: Booking, operatorCf: string | null, action: string, detail: Record<string, unknown>, alsoInTransaction?: () => void): void {
    this.store.transaction(() => {
      this.store.bookings.save(before.id, after, this.clock.now().toISOString());
      alsoInTransaction?.();
      this.store.audit.append({ operatorCf, action, entity: 'booking', entityId: String(before.id), detail });
      this.store.outbox.enqueue('booking', before.id, before.patientId);
    });
    this.events.emit('bookings.changed', { patientId: before.patientId });
  }

  stored(id: number): StoredBooking {
    const b = this.store.bookings.get(id);
    if (!b) throw new NotFoundError('booking', 'Prenotazione', id);
    return b;
  }

  get(id: number): BookingView {
    return this.views([this.stored(id)])[0]!;
  }

  list(filter: { states?: readonly BookingStatus[]; patientId?: number }): BookingView[] {
    const rows = filter.patientId !== undefined ? this.store.bookings.ofPatient(filter.patientId).reverse() : this.store.bookings.list(filter.states ?? null);
    return this.views(filter.states && filter.patientId !== undefined ? rows.filter((b) => filter.states!.includes(b.status)) : rows);
  }

  /** The bookings as the UI and the CLI show them: who, which provider, the window and its flag, the calls. */
  views(bookings: readonly StoredBooking[]): BookingView[] {
    const pais = new Map<number, Pai[]>();
    const names = new Map(this.store.providers.list().map((p) => [p.code, p.name]));
    return bookings.map((b) => {
      const patient = this.store.patients.get(b.patientId);
      if (!pais.has(b.patientId)) pais.set(b.patientId, this.store.pais.ofPatient(b.patientId).map((s) => s.pai));
      const pai = (pais.get(b.patientId) ?? []).filter((p) => p.status === 'active' || p.status === 'expired').find((p) => b.occurrence !== null && p.validFrom <= b.occurrence && b.occurrence <= p.validTo) ?? null;
      const window = bookingWindow(b, pai);
      return {
        id: b.id,
        uid: b.uid,
        patientId: b.patientId,
        codiceFiscale: patient.codiceFiscale,
        surname: patient.surname,
        givenName: patient.givenName,
        code: b.code,
        description: b.description,
        occurrence: b.occurrence,
        prescriptionNumber: b.prescriptionNumber,
        priority: b.priority,
        status: b.status,
        dates: b.dates,
        slot: b.slot,
        providerName: b.slot ? (names.get(b.slot.providerCode) ?? null) : null,
        confirmedAt: b.confirmedAt,
        cancellation: b.cancellation,
        window,
        windowFlag: window && b.dates.bookedFor !== null ? windowFlag(b.dates.bookedFor, window) : null,
        calls: this.store.bookings.callsOf(b.id).map((c) => ({ at: c.at, outcome: c.outcome, note: c.note })),
      };
    });
  }
}

function toEvent(move: BookingMove): BookingEvent {
  switch (move.type) {
    case 'book':
      return { type: 'book', date: move.date, slot: { time: move.time, place: move.place, providerCode: move.providerCode }, firstRegionalOffer: move.firstRegionalOffer, firstDistrictOffer: move.firstDistrictOffer };
    case 'perform':
    case 'deliver-report':
      return { type: move.type, on: move.on };
    case 'cancel':
      return { type: 'cancel', reason: move.reason };
    case 'confirm':
    case 'no-show':
      return { type: move.type };
  }
}
