import { describe, expect, it } from 'vitest';
import { newCandidate, type EnrollmentSnapshot } from '../../../shared/domain/enrollmentMachine';
import { anEnrollmentRecord, BIANCHI_CF, openSyncStore, OTHER_GESTORE, OUR_GESTORE, rowCount, syncAudit, withRossi } from '../../../test/support/syncApply';

const REGISTERED: EnrollmentSnapshot = { state: 'registered', registeredOn: '2026-02-02', deadline: '2026-02-09', enrolledOn: null, periodEnd: null, reason: null, otherGestore: null };
const ENROLLED: EnrollmentSnapshot = { ...REGISTERED, state: 'enrolled', enrolledOn: '2026-02-05', periodEnd: '2027-02-01' };
const EVIDENCE = { operatorCodiceFiscale: 'BNCGLI75A41F205I', operatorAtr: '3B', patientCodiceFiscale: 'x', patientCardSerial: 'S', patientCardExpiry: '2031-03-31', patientAtr: '3B', issuedAt: '2026-02-02T09:00:00.000Z' };

const otherGestoreHolds = (state: EnrollmentSnapshot['state'] = 'enrolled') => anEnrollmentRecord({ state }, { gestore: OTHER_GESTORE });

describe('SyncApplier.applyEnrollment: a second workstation of the studio', () => {
  it('creates the enrollment of the programme year with the record’s snapshot', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const applied = applier.applyEnrollment(anEnrollmentRecord(), OUR_GESTORE.code);
    expect(applied).toMatchObject({ outcome: 'created', patientId });
    expect(store.enrollments.ofYear(patientId, 2026)).toEqual({ id: applied.entityId, patientId, snapshot: ENROLLED });
    expect(syncAudit(store).at(-1)).toEqual({ action: 'sync.enrollment.create', entity: 'patient', entityId: String(patientId), detail: { enrollmentId: applied.entityId, programmeYear: 2026, state: 'enrolled' } });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('replaces the local snapshot and keeps the evidence of the registration made here', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const id = store.enrollments.insert(patientId, REGISTERED, 2026, { gestore: OUR_GESTORE.name, evidence: EVIDENCE });
    expect(applier.applyEnrollment(anEnrollmentRecord(), OUR_GESTORE.code)).toEqual({ outcome: 'updated', patientId, entityId: id });
    expect(store.enrollments.view(id)).toMatchObject({ ...ENROLLED, evidence: EVIDENCE });
    expect(syncAudit(store).at(-1)?.detail).toEqual({ enrollmentId: id, programmeYear: 2026, changes: { state: ['registered', 'enrolled'], enrolledOn: [null, '2026-02-05'], periodEnd: [null, '2027-02-01'] } });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('matches the enrollment by programme year: another year’s row is left alone', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const lastYear = store.enrollments.insert(patientId, { ...ENROLLED, registeredOn: '2025-01-10' }, 2025);
    const applied = applier.applyEnrollment(anEnrollmentRecord({ state: 'registered', enrolledOn: null, periodEnd: null }), OUR_GESTORE.code);
    expect(applied.outcome).toBe('created');
    expect(applied.entityId).not.toBe(lastYear);
    expect(store.enrollments.byId(lastYear)?.snapshot).toEqual({ ...ENROLLED, registeredOn: '2025-01-10' });
  });

  it('applied twice, the same record is unchanged and writes no audit entry', () => {
    const { store, applier } = openSyncStore();
    withRossi(applier);
    const first = applier.applyEnrollment(anEnrollmentRecord(), OUR_GESTORE.code);
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyEnrollment(anEnrollmentRecord(), OUR_GESTORE.code)).toEqual({ ...first, outcome: 'unchanged' });
    expect(rowCount(store, 'audit_log')).toBe(audit);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('skips a patient unknown here', () => {
    const { store, applier } = openSyncStore();
    withRossi(applier);
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyEnrollment(anEnrollmentRecord({}, { codiceFiscale: BIANCHI_CF }), OUR_GESTORE.code)).toEqual({ outcome: 'skipped', patientId: null, entityId: null, reason: 'unknown-patient' });
    expect(rowCount(store, 'enrollments')).toBe(0);
    expect(rowCount(store, 'audit_log')).toBe(audit);
  });
});

describe('SyncApplier.applyEnrollment: another Gestore holds the patient', () => {
  it('locks a candidate of ours elsewhere through the machine, naming the other Gestore', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const id = store.enrollments.insert(patientId, newCandidate(), 2026);
    expect(applier.applyEnrollment(otherGestoreHolds('registered'), OUR_GESTORE.code)).toEqual({ outcome: 'updated', patientId, entityId: id });
    expect(store.enrollments.byId(id)?.snapshot).toEqual({ ...newCandidate(), state: 'locked_elsewhere', otherGestore: OTHER_GESTORE.name, reason: `In carico a ${OTHER_GESTORE.name}` });
    expect(syncAudit(store).at(-1)).toEqual({
      action: 'sync.enrollment.lock-elsewhere',
      entity: 'patient',
      entityId: String(patientId),
      detail: { enrollmentId: id, programmeYear: 2026, from: 'candidate', to: 'locked_elsewhere', otherGestore: OTHER_GESTORE.name },
    });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('gives a patient with no enrollment here one locked elsewhere, so the call list no longer offers him', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    expect(store.calls.candidate(patientId)).not.toBeNull();
    const applied = applier.applyEnrollment(otherGestoreHolds(), OUR_GESTORE.code);
    expect(applied).toMatchObject({ outcome: 'created', patientId });
    expect(store.enrollments.ofYear(patientId, 2026)?.snapshot).toMatchObject({ state: 'locked_elsewhere', otherGestore: OTHER_GESTORE.name, registeredOn: null });
    expect(store.calls.candidate(patientId)).toBeNull();
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('an enrolled patient of ours taken by the other Gestore is transferred', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const id = store.enrollments.insert(patientId, ENROLLED, 2026, { evidence: EVIDENCE });
    expect(applier.applyEnrollment(otherGestoreHolds('renewed'), OUR_GESTORE.code).outcome).toBe('updated');
    expect(store.enrollments.view(id)).toMatchObject({ ...ENROLLED, state: 'transferred', otherGestore: OTHER_GESTORE.name, reason: `In carico a ${OTHER_GESTORE.name}`, evidence: EVIDENCE });
    expect(syncAudit(store).at(-1)?.action).toBe('sync.enrollment.transfer');
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('applied twice, the lock is unchanged the second time', () => {
    const { store, applier } = openSyncStore();
    withRossi(applier);
    const first = applier.applyEnrollment(otherGestoreHolds(), OUR_GESTORE.code);
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyEnrollment(otherGestoreHolds('renewal_due'), OUR_GESTORE.code)).toEqual({ ...first, outcome: 'unchanged' });
    expect(rowCount(store, 'audit_log')).toBe(audit);
  });

  it('skips the lock from a registration of ours, which the machine allows neither to lock nor to transfer', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const id = store.enrollments.insert(patientId, REGISTERED, 2026);
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyEnrollment(otherGestoreHolds(), OUR_GESTORE.code)).toEqual({ outcome: 'skipped', patientId, entityId: id, reason: 'lock-not-allowed' });
    expect(store.enrollments.byId(id)?.snapshot).toEqual(REGISTERED);
    expect(rowCount(store, 'audit_log')).toBe(audit);
  });

  it('skips the lock of a patient locked by a third Gestore already', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const third = { ...newCandidate(), state: 'locked_elsewhere' as const, otherGestore: 'Terzo Gestore', reason: 'In carico a Terzo Gestore' };
    const id = store.enrollments.insert(patientId, third, 2026);
    expect(applier.applyEnrollment(otherGestoreHolds(), OUR_GESTORE.code)).toMatchObject({ outcome: 'skipped', reason: 'lock-not-allowed' });
    expect(store.enrollments.byId(id)?.snapshot).toEqual(third);
  });

  it('skips another Gestore’s enrollment that no longer holds the patient, leaving ours as it is', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const id = store.enrollments.insert(patientId, newCandidate(), 2026);
    expect(applier.applyEnrollment(otherGestoreHolds('lapsed'), OUR_GESTORE.code)).toEqual({ outcome: 'skipped', patientId, entityId: id, reason: 'released-elsewhere' });
    expect(store.enrollments.byId(id)?.snapshot).toEqual(newCandidate());
  });
});
