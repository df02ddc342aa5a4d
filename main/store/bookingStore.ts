import { and, asc, between, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Booking, BookingStatus, CancellationNotice } from '../../shared/domain/booking/model';
import type { ReminderOutcome } from '../../shared/domain/booking/reminders';
import type { Db } from './database';
import { bookings, reminderCalls } from './schema';

/** A booking as stored: the domain's Booking with its row id, sync id and the prestazione's description. */
export interface StoredBooking extends Booking {
  id: number;
  uid: string;
  description: string;
}

type Row = typeof bookings.$inferSelect;

function toBooking(r: Row): StoredBooking {
  return {
    id: r.id,
    uid: r.uid,
    description: r.description,
    patientId: r.patientId,
    code: r.code,
    occurrence: r.occurrence,
    prescriptionNumber: r.prescriptionNumber,
    priority: r.priority,
    status: r.status,
    dates: {
      prescribedOn: r.prescribedOn,
      requestedOn: r.requestedOn,
      firstRegionalOffer: r.firstRegionalOffer,
      firstDistrictOffer: r.firstDistrictOffer,
      bookedFor: r.bookedFor,
      performedOn: r.performedOn,
      reportDeliveredOn: r.reportDeliveredOn,
    },
    slot: r.slotTime !== null && r.slotPlace !== null && r.providerCode !== null ? { time: r.slotTime, place: r.slotPlace, providerCode: r.providerCode } : null,
    confirmedAt: r.confirmedAt,
    cancellation: r.cancelledAt !== null && r.cancelNotice !== null ? { at: r.cancelledAt, reason: r.cancelReason, notice: r.cancelNotice } : null,
  };
}

/** A booking's columns besides its ids and description: what a pulled booking is compared and written by. */
export interface BookingColumns {
  patientId: number;
  code: string;
  occurrence: string | null;
  prescriptionNumber: string | null;
  priority: Booking['priority'];
  status: BookingStatus;
  prescribedOn: string | null;
  requestedOn: string | null;
  firstRegionalOffer: string | null;
  firstDistrictOffer: string | null;
  bookedFor: string | null;
  performedOn: string | null;
  reportDeliveredOn: string | null;
  slotTime: string | null;
  slotPlace: string | null;
  /** Null also for a slot whose provider this archive does not know (a pulled booking's). */
  providerCode: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  cancelNotice: CancellationNotice | null;
}

export function bookingColumns(b: Booking): BookingColumns {
  return {
    patientId: b.patientId,
    code: b.code,
    occurrence: b.occurrence,
    prescriptionNumber: b.prescriptionNumber,
    priority: b.priority,
    status: b.status,
    ...b.dates,
    slotTime: b.slot?.time ?? null,
    slotPlace: b.slot?.place ?? null,
    providerCode: b.slot?.providerCode ?? null,
    confirmedAt: b.confirmedAt,
    cancelledAt: b.cancellation?.at ?? null,
    cancelReason: b.cancellation?.reason ?? null,
    cancelNotice: b.cancellation?.notice ?? null,
  };
}

function columnsOf(r: Row): BookingColumns {
  return {
    patientId: r.patientId,
    code: r.code,
    occurrence: r.occurrence,
    prescriptionNumber: r.prescriptionNumber,
    priority: r.priority,
    status: r.status,
    prescribedOn: r.prescribedOn,
    requestedOn: r.requestedOn,
    firstRegionalOffer: r.firstRegionalOffer,
    firstDistrictOffer: r.firstDistrictOffer,
    bookedFor: r.bookedFor,
    performedOn: r.performedOn,
    reportDeliveredOn: r.reportDeliveredOn,
    slotTime: r.slotTime,
    slotPlace: r.slotPlace,
    providerCode: r.providerCode,
    confirmedAt: r.confirmedAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    cancelNotice: r.cancelNotice,
  };
}

/** SQLite's refusal by bookings_prescription_active: the prescription's prestazione is under way in another booking. */
export function isPrescriptionUnderWayConflict(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes('bookings.prescription_number');
}

export interface ReminderCall {
  id: number;
  bookingId: number;
  at: string;
  outcome: ReminderOutcome;
  note: string | null;
  operatorCf: string | null;
}

/** Bookings of PAI prestazioni and the confirmation calls made for them. */
export class BookingStore {
  /** Built and compiled once: the sync reads a booking for every one it sends. */
  private readonly getQuery;

  constructor(private readonly db: Db) {
    this.getQuery = db.select().from(bookings).where(eq(bookings.id, sql.placeholder('id'))).prepare();
  }

  insert(b: Booking, uid: string, description: string): number {
    return this.insertColumns(bookingColumns(b), uid, description);
  }

  insertColumns(columns: BookingColumns, uid: string, description: string): number {
    return this.db.insert(bookings).values({ ...columns, uid, description }).returning({ id: bookings.id }).get().id;
  }

  save(id: number, b: Booking, now: string): void {
    this.saveColumns(id, bookingColumns(b), now);
  }

  saveColumns(id: number, columns: BookingColumns, now: string): void {
    this.db.update(bookings).set({ ...columns, updatedAt: now }).where(eq(bookings.id, id)).run();
  }

  /** The booking with this sync id, as its columns. */
  columnsByUid(uid: string): { id: number; columns: BookingColumns } | null {
    const row = this.db.select().from(bookings).where(eq(bookings.uid, uid)).get();
    return row ? { id: row.id, columns: columnsOf(row) } : null;
  }

  get(id: number): StoredBooking | null {
    const row = this.getQuery.get({ id });
    return row ? toBooking(row) : null;
  }

  ofPatient(patientId: number): StoredBooking[] {
    return this.db.select().from(bookings).where(eq(bookings.patientId, patientId)).orderBy(asc(bookings.id)).all().map(toBooking);
  }

  ofPatients(patientIds: readonly number[]): StoredBooking[] {
    return this.db.select().from(bookings).where(inArray(bookings.patientId, [...patientIds])).orderBy(asc(bookings.id)).all().map(toBooking);
  }

  /** Newest first, in the given states (all when none). */
  list(states: readonly BookingStatus[] | null): StoredBooking[] {
    const q = this.db.select().from(bookings);
    return (states === null ? q : q.where(inArray(bookings.status, [...states]))).orderBy(desc(bookings.id)).all().map(toBooking);
  }

  /** Appointments on days from..to, in the given states. */
  appointmentsBetween(from: string, to: string, states: readonly BookingStatus[]): StoredBooking[] {
    return this.db
      .select()
      .from(bookings)
      .where(and(between(bookings.bookedFor, from, to), inArray(bookings.status, [...states])))
      .orderBy(asc(bookings.bookedFor), asc(bookings.slotTime))
      .all()
      .map(toBooking);
  }

  addCall(call: Omit<ReminderCall, 'id'>): number {
    return this.db.insert(reminderCalls).values(call).returning({ id: reminderCalls.id }).get().id;
  }

  callsOf(bookingId: number): ReminderCall[] {
    return this.db.select().from(reminderCalls).where(eq(reminderCalls.bookingId, bookingId)).orderBy(asc(reminderCalls.id)).all();
  }
}
