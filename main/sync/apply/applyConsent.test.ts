import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../mapping/records';
import { anEnrollmentRecord, BIANCHI_CF, openSyncStore, OUR_GESTORE, rowCount, ROSSI_CF, syncAudit, withRossi } from '../../../test/support/syncApply';

const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

const aConsent = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({ codiceFiscale: ROSSI_CF, programmeYear: 2026, kind: 'privacy', signedAt: '2026-02-05T10:30:00.000Z', documentHash: HASH, ...overrides });

function enrolledRossi() {
  const { store, applier } = openSyncStore();
  const patientId = withRossi(applier);
  const enrollmentId = applier.applyEnrollment(anEnrollmentRecord(), OUR_GESTORE.code).entityId!;
  return { store, applier, patientId, enrollmentId };
}

const privacyOf = (store: ReturnType<typeof openSyncStore>['store'], enrollmentId: number) => store.enrollments.consentsOf(enrollmentId).find((c) => c.kind === 'privacy');

describe('SyncApplier.applyConsent', () => {
  it('records the signature of the enrollment of that programme year', () => {
    const { store, applier, patientId, enrollmentId } = enrolledRossi();
    const applied = applier.applyConsent(aConsent());
    expect(applied).toMatchObject({ outcome: 'created', patientId });
    expect(privacyOf(store, enrollmentId)).toMatchObject({ signedAt: '2026-02-05T10:30:00.000Z', documentHash: HASH, printedAt: null, choices: null });
    expect(syncAudit(store).at(-1)).toEqual({
      action: 'sync.consent',
      entity: 'patient',
      entityId: String(patientId),
      detail: { enrollmentId, kind: 'privacy', changes: { signedAt: [null, '2026-02-05T10:30:00.000Z'], documentHash: [null, HASH] } },
    });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('updates the signature and document of a consent here, keeping its printing, who marked it and the privacy answers', () => {
    const { store, applier, enrollmentId } = enrolledRossi();
    const choices = { trattamento: true, comunicazione: true, contatti: false };
    store.enrollments.recordGenerated(enrollmentId, 'privacy', HASH);
    store.enrollments.recordPrinted(enrollmentId, 'privacy', '2026-02-04T08:00:00.000Z');
    store.enrollments.recordSigned(enrollmentId, 'privacy', '2026-02-04T09:00:00.000Z', 'BNCGLI75A41F205I', choices);
    expect(applier.applyConsent(aConsent({ documentHash: OTHER_HASH })).outcome).toBe('updated');
    expect(privacyOf(store, enrollmentId)).toMatchObject({ signedAt: '2026-02-05T10:30:00.000Z', documentHash: OTHER_HASH, printedAt: '2026-02-04T08:00:00.000Z', signedBy: 'BNCGLI75A41F205I', choices });
    expect(rowCount(store, 'consents')).toBe(1);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('applied twice, the same record is unchanged, also when the server writes the instant without milliseconds', () => {
    const { store, applier } = enrolledRossi();
    const first = applier.applyConsent(aConsent());
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyConsent(aConsent({ signedAt: '2026-02-05T10:30:00Z' }))).toEqual({ ...first, outcome: 'unchanged' });
    expect(rowCount(store, 'audit_log')).toBe(audit);
  });

  it('skips a patient unknown here, and a programme year with no enrollment here', () => {
    const { store, applier, patientId } = enrolledRossi();
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyConsent(aConsent({ codiceFiscale: BIANCHI_CF }))).toEqual({ outcome: 'skipped', patientId: null, entityId: null, reason: 'unknown-patient' });
    expect(applier.applyConsent(aConsent({ programmeYear: 2025 }))).toEqual({ outcome: 'skipped', patientId, entityId: null, reason: 'unknown-enrollment' });
    expect(rowCount(store, 'consents')).toBe(0);
    expect(rowCount(store, 'audit_log')).toBe(audit);
  });

  it('refuses a document hash that is no SHA-256', () => {
    const { applier } = enrolledRossi();
    expect(() => applier.applyConsent(aConsent({ documentHash: 'abc' }))).toThrow(expect.objectContaining({ code: 'sync-record-invalid' }));
  });
});
