import { describe, expect, it } from 'vitest';
import type { CallAttemptRecord } from '../mapping/records';
import { BIANCHI_CF, openSyncStore, rowCount, ROSSI_CF, syncAudit, withRossi } from '../../../test/support/syncApply';

const AT = '2026-03-02T08:15:00.000Z';
const aCall = (overrides: Partial<CallAttemptRecord> = {}): CallAttemptRecord => ({
  codiceFiscale: ROSSI_CF,
  at: AT,
  outcome: 'appointment',
  callbackAt: '2026-03-12',
  appointmentTime: '10:30',
  note: null,
  operatorCf: 'BNCGLI75A41F205I',
  ...overrides,
});

describe('SyncApplier.applyCallAttempt', () => {
  it('records a call made on another workstation: the appointment is in the agenda here', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const applied = applier.applyCallAttempt(aCall());
    expect(applied).toMatchObject({ outcome: 'created', patientId });
    expect(store.calls.appointmentsOn('2026-03-12')).toMatchObject([{ patientId, time: '10:30', madeAt: AT, operatorCf: 'BNCGLI75A41F205I' }]);
    expect(syncAudit(store).at(-1)).toEqual({
      action: 'sync.call.create',
      entity: 'patient',
      entityId: String(patientId),
      detail: { callId: applied.entityId, at: AT, outcome: 'appointment', date: '2026-03-12', time: '10:30', note: null, operatorCf: 'BNCGLI75A41F205I' },
    });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('updates the call of the same instant', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const id = store.calls.recordAttempt({ patientId, at: AT, outcome: 'no_answer', date: '2026-03-03', time: null, note: null, operatorCf: null });
    store.calls.recordAttempt({ patientId, at: '2026-03-03T08:00:00.000Z', outcome: 'no_answer', date: '2026-03-04', time: null, note: null, operatorCf: null });
    // The two calls made here are queued for the Centro Servizi; the pulled update adds nothing.
    expect(rowCount(store, 'outbox')).toBe(2);
    expect(applier.applyCallAttempt(aCall())).toEqual({ outcome: 'updated', patientId, entityId: id });
    expect(store.calls.attemptAt(patientId, AT)).toEqual({ id, at: AT, outcome: 'appointment', date: '2026-03-12', time: '10:30', note: null, operatorCf: 'BNCGLI75A41F205I' });
    expect(store.calls.attemptAt(patientId, '2026-03-03T08:00:00.000Z')).toMatchObject({ outcome: 'no_answer' });
    expect(syncAudit(store).at(-1)?.detail).toEqual({ callId: id, at: AT, changes: { outcome: ['no_answer', 'appointment'], date: ['2026-03-03', '2026-03-12'], time: [null, '10:30'], operatorCf: [null, 'BNCGLI75A41F205I'] } });
    expect(rowCount(store, 'contact_attempts')).toBe(2);
    expect(rowCount(store, 'outbox')).toBe(2);
  });

  it('applied twice, the same call is unchanged, also when the server writes the instant in another form', () => {
    const { store, applier } = openSyncStore();
    withRossi(applier);
    const first = applier.applyCallAttempt(aCall());
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyCallAttempt(aCall({ at: '2026-03-02T09:15:00+01:00' }))).toEqual({ ...first, outcome: 'unchanged' });
    expect({ audit: rowCount(store, 'audit_log'), calls: rowCount(store, 'contact_attempts') }).toEqual({ audit, calls: 1 });
  });

  it('skips a patient unknown here, and refuses an outcome the studio does not record', () => {
    const { store, applier } = openSyncStore();
    withRossi(applier);
    expect(applier.applyCallAttempt(aCall({ codiceFiscale: BIANCHI_CF }))).toEqual({ outcome: 'skipped', patientId: null, entityId: null, reason: 'unknown-patient' });
    expect(() => applier.applyCallAttempt(aCall({ outcome: 'busy' }))).toThrow(expect.objectContaining({ code: 'sync-record-invalid' }));
    expect(rowCount(store, 'contact_attempts')).toBe(0);
  });
});
