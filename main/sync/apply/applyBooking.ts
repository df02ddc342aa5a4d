import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { Booking } from '../../../shared/domain/booking/model';
import { CodiceFiscale } from '../../../shared/domain/patient';
import type { Clock } from '../../clock';
import { bookingColumns, isPrescriptionUnderWayConflict } from '../../store/bookingStore';
import type { Store } from '../../store/store';
import type { BookingRecord } from '../mapping/records';
import { auditSync, changesBetween, parseRecord, skipped, unchanged, type Applied } from './applied';

const PulledBooking = z.object({ codiceFiscale: CodiceFiscale, uid: z.string().trim().min(1).max(100), booking: Booking.omit({ patientId: true }) });

/**
 * A booking by its uid, every column as the record has it. A provider this archive does not know
 * leaves the slot without its provider (time and place kept) rather than losing the booking; the
 * partial unique index may refuse a prescription already under way in another booking here.
 */
export function applyBooking(store: Store, clock: Clock, record: BookingRecord): Applied {
  const r = parseRecord('booking', PulledBooking, record);
  return store.transaction(() => {
    const patientId = store.patients.idByCodiceFiscale(r.codiceFiscale);
    if (patientId === null) return skipped('unknown-patient', null);
    const columns = bookingColumns({ patientId, ...r.booking });
    const unknownProviderCode = columns.providerCode !== null && !store.providers.has(columns.providerCode) ? columns.providerCode : null;
    if (unknownProviderCode !== null) columns.providerCode = null;
    const local = store.bookings.columnsByUid(r.uid);
    if (local !== null && isDeepStrictEqual(local.columns, columns)) return unchanged(patientId, local.id);
    let id: number;
    try {
      // A savepoint: the index's refusal undoes this write alone, and the skip is returned, not thrown.
      id = store.transaction(() => {
        if (local === null) return store.bookings.insertColumns(columns, r.uid, descriptionFor(store, patientId, columns.code));
        store.bookings.saveColumns(local.id, columns, clock.now().toISOString());
        return local.id;
      });
    } catch (err) {
      if (isPrescriptionUnderWayConflict(err)) return skipped('conflict', patientId, local?.id ?? null);
      throw err;
    }
    auditSync(store, local === null ? 'sync.booking.create' : 'sync.booking.update', 'booking', id, {
      uid: r.uid,
      status: columns.status,
      ...(local !== null && { changes: changesBetween(local.columns, columns) }),
      ...(unknownProviderCode !== null && { unknownProviderCode }),
    });
    return { outcome: local === null ? 'created' : 'updated', patientId, entityId: id };
  });
}

/**
 * The record names the prestazione by its code only: its description is the patient's PAI's (the
 * plan's item the booking serves, as a request from the due list takes it), else the code.
 */
function descriptionFor(store: Store, patientId: number, code: string): string {
  const newestFirst = store.pais.ofPatient(patientId).reverse();
  return newestFirst.flatMap((s) => s.pai.items).find((i) => i.code === code)?.description ?? code;
}
