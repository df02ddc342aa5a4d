import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../shared/domain/booking/model';
import { PROVIDERS } from '../../../shared/domain/providers';
import { aBooking, aPai, anItem, yearly } from '../../../test/support/paiFixtures';
import { BIANCHI_CF, openSyncStore, rowCount, ROSSI_CF, syncAudit, withRossi } from '../../../test/support/syncApply';
import type { Store } from '../../store/store';

const PROVIDER = PROVIDERS[0]!.code;
const UID = '5b1f0c7e-2d7a-4c1e-9a55-0f3f7d2b9e11';

const booked = (overrides: Partial<Booking> = {}): Booking =>
  aBooking('89.52', '2026-02-10', {
    patientId: 999,
    prescriptionNumber: '030A01234567890',
    priority: 'P',
    status: 'booked',
    dates: { prescribedOn: '2026-02-11', requestedOn: '2026-02-12', firstRegionalOffer: '2026-03-02', firstDistrictOffer: '2026-03-04', bookedFor: '2026-03-20', performedOn: null, reportDeliveredOn: null },
    slot: { time: '09:30', place: 'Poliambulatorio, piano 1', providerCode: PROVIDER },
    ...overrides,
  });

const record = (booking: Booking, uid = UID, codiceFiscale = ROSSI_CF) => ({ codiceFiscale, uid, booking });

function rossiWithPlan() {
  const { store, applier } = openSyncStore();
  store.providers.seedIfEmpty(PROVIDERS);
  const patientId = withRossi(applier);
  store.pais.insert(aPai('2026-02-10', [anItem('89.52', yearly, '2026-02-10', { description: 'Elettrocardiogramma' })], { patientId, status: 'active' }), null);
  return { store, applier, patientId };
}

const slotColumns = (store: Store, id: number) => store.database.sqlite.prepare('SELECT slot_time, slot_place, provider_code FROM bookings WHERE id = ?').get(id);

describe('SyncApplier.applyBooking', () => {
  it('creates the booking by uid with every column, its description the PAI item’s', () => {
    const { store, applier, patientId } = rossiWithPlan();
    const applied = applier.applyBooking(record(booked()));
    expect(applied).toMatchObject({ outcome: 'created', patientId });
    expect(store.bookings.get(applied.entityId!)).toEqual({ ...booked(), patientId, id: applied.entityId, uid: UID, description: 'Elettrocardiogramma' });
    expect(syncAudit(store).at(-1)).toEqual({ action: 'sync.booking.create', entity: 'booking', entityId: String(applied.entityId), detail: { uid: UID, status: 'booked' } });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('a prestazione outside the PAI is described by its code', () => {
    const { store, applier } = rossiWithPlan();
    const applied = applier.applyBooking(record(booked({ code: '89.7', occurrence: null })));
    expect(store.bookings.get(applied.entityId!)?.description).toBe('89.7');
  });

  it('keeps a slot whose provider is unknown here without its provider, and names the code in the audit entry', () => {
    const { store, applier } = rossiWithPlan();
    const unknown = booked({ slot: { time: '11:00', place: 'Via Verdi 3, Pavia', providerCode: 'erogatore-nuovo' } });
    const applied = applier.applyBooking(record(unknown));
    expect(applied.outcome).toBe('created');
    expect(slotColumns(store, applied.entityId!)).toEqual({ slot_time: '11:00', slot_place: 'Via Verdi 3, Pavia', provider_code: null });
    expect(syncAudit(store).at(-1)?.detail).toEqual({ uid: UID, status: 'booked', unknownProviderCode: 'erogatore-nuovo' });

    const audit = rowCount(store, 'audit_log');
    expect(applier.applyBooking(record(unknown))).toEqual({ ...applied, outcome: 'unchanged' });
    expect(rowCount(store, 'audit_log')).toBe(audit);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('updates the booking of that uid with what changed', () => {
    const { store, applier } = rossiWithPlan();
    const { entityId } = applier.applyBooking(record(booked()));
    const performed = booked({ status: 'performed', dates: { ...booked().dates, performedOn: '2026-03-20' } });
    expect(applier.applyBooking(record(performed))).toMatchObject({ outcome: 'updated', entityId });
    expect(store.bookings.get(entityId!)).toMatchObject({ status: 'performed', dates: { performedOn: '2026-03-20' }, description: 'Elettrocardiogramma' });
    expect(syncAudit(store).at(-1)?.detail).toEqual({ uid: UID, status: 'performed', changes: { status: ['booked', 'performed'], performedOn: [null, '2026-03-20'] } });
    expect(rowCount(store, 'bookings')).toBe(1);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('applied twice, the same booking is unchanged and writes nothing', () => {
    const { store, applier } = rossiWithPlan();
    const first = applier.applyBooking(record(booked()));
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyBooking(record(booked()))).toEqual({ ...first, outcome: 'unchanged' });
    expect(rowCount(store, 'audit_log')).toBe(audit);
  });

  it('skips, without throwing, a booking the index refuses: its prescription is under way in another booking here', () => {
    const { store, applier, patientId } = rossiWithPlan();
    const local = store.bookings.insert({ ...booked({ status: 'requested', slot: null }), patientId }, 'local-uid', 'Elettrocardiogramma');
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyBooking(record(booked()))).toEqual({ outcome: 'skipped', patientId, entityId: null, reason: 'conflict' });
    expect(store.bookings.ofPatient(patientId).map((b) => b.id)).toEqual([local]);
    expect(rowCount(store, 'audit_log')).toBe(audit);
    expect(applier.applyBooking(record(booked({ prescriptionNumber: '030A09999999999' }))).outcome).toBe('created');
  });

  it('skips a patient unknown here', () => {
    const { store, applier } = rossiWithPlan();
    expect(applier.applyBooking(record(booked(), UID, BIANCHI_CF))).toEqual({ outcome: 'skipped', patientId: null, entityId: null, reason: 'unknown-patient' });
    expect(rowCount(store, 'bookings')).toBe(0);
  });

  it('refuses a booking the Booking schema refuses', () => {
    const { store, applier } = rossiWithPlan();
    expect(() => applier.applyBooking(record(booked({ slot: { time: '25:00', place: 'x', providerCode: PROVIDER } })))).toThrow(expect.objectContaining({ code: 'sync-record-invalid' }));
    expect(rowCount(store, 'bookings')).toBe(0);
  });
});
