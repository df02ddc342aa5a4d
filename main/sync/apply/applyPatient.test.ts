import { describe, expect, it } from 'vitest';
import { aPatientRecord, openSyncStore, rowCount, ROSSI_CF, syncAudit } from '../../../test/support/syncApply';
import { SyncRecordInvalidError } from './applied';

const columns = (store: ReturnType<typeof openSyncStore>['store'], id: number) =>
  store.database.sqlite.prepare('SELECT surname_key, given_key, import_run_id, preferred_call_time, updated_at FROM patients WHERE id = ?').get(id) as {
    surname_key: string;
    given_key: string;
    import_run_id: number | null;
    preferred_call_time: string | null;
    updated_at: string;
  };

describe('SyncApplier.applyPatient', () => {
  it('creates a patient unknown here, with his search keys, his pathologies and no import run', () => {
    const { store, applier } = openSyncStore();
    const applied = applier.applyPatient(aPatientRecord({ surname: "D'Amico", givenName: 'Nicolò', pathologies: [{ code: 50, confirmed: true }, { code: 56, confirmed: false }] }));
    expect(applied).toMatchObject({ outcome: 'created', entityId: applied.patientId });
    const id = applied.patientId!;
    expect(store.patients.get(id)).toMatchObject({
      codiceFiscale: ROSSI_CF,
      surname: "D'Amico",
      givenName: 'Nicolò',
      birthDate: '1958-04-12',
      birthPlaceCode: 'G388',
      phone: '0382 123456',
      chronicLevel: 2,
      pathologies: [
        { code: 50, source: 'mmg', confirmed: true },
        { code: 56, source: 'ats', confirmed: false },
      ],
    });
    expect(columns(store, id)).toMatchObject({ surname_key: 'DAMICO', given_key: 'NICOLO', import_run_id: null });
    expect(syncAudit(store)).toEqual([{ action: 'sync.patient.create', entity: 'patient', entityId: String(id), detail: { codiceFiscale: ROSSI_CF, pathologies: [50, 56] } }]);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('updates the demographics and pathologies of a patient here, keeping his import run, call time and the sources of kept pathologies', () => {
    const { store, applier } = openSyncStore();
    store.patients.insertNew([
      {
        codiceFiscale: ROSSI_CF, surname: 'Rossi', givenName: 'Mario', birthDate: '1958-04-12', sex: 'M', birthPlaceCode: 'G388', phone: null, mobile: null, email: null, chronicLevel: 3,
        letters: [],
        pathologies: [
          { code: 50, source: 'ats', confirmed: false, icd9: null },
          { code: 20, source: 'icd9', confirmed: false, icd9: '428.0' },
        ],
      },
    ]);
    const id = store.patients.idByCodiceFiscale(ROSSI_CF)!;
    store.database.sqlite.prepare("UPDATE patients SET import_run_id = 7, preferred_call_time = 'mattina' WHERE id = ?").run(id);

    const applied = applier.applyPatient(aPatientRecord({ surname: 'Rossi Verdi', mobile: '333 1234567', chronicLevel: 2, pathologies: [{ code: 50, confirmed: true }, { code: 56, confirmed: true }] }));

    expect(applied).toEqual({ outcome: 'updated', patientId: id, entityId: id });
    expect(store.patients.get(id)).toMatchObject({
      surname: 'Rossi Verdi',
      mobile: '333 1234567',
      phone: '0382 123456',
      chronicLevel: 2,
      pathologies: [
        { code: 50, source: 'ats', confirmed: true },
        { code: 56, source: 'mmg', confirmed: true },
      ],
    });
    expect(columns(store, id)).toMatchObject({ surname_key: 'ROSSIVERDI', import_run_id: 7, preferred_call_time: 'mattina' });
    expect(syncAudit(store)).toEqual([
      {
        action: 'sync.patient.update',
        entity: 'patient',
        entityId: String(id),
        detail: {
          changes: { surname: ['Rossi', 'Rossi Verdi'], phone: [null, '0382 123456'], mobile: [null, '333 1234567'], chronicLevel: [3, 2] },
          pathologies: { added: [56], removed: [20], confirmation: [50] },
        },
      },
    ]);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('applied twice, the same record is unchanged the second time and writes nothing, not even the update time', () => {
    const { store, applier } = openSyncStore();
    const first = applier.applyPatient(aPatientRecord());
    const before = { audit: rowCount(store, 'audit_log'), updatedAt: columns(store, first.patientId!).updated_at };
    expect(applier.applyPatient(aPatientRecord())).toEqual({ outcome: 'unchanged', patientId: first.patientId, entityId: first.patientId });
    expect({ audit: rowCount(store, 'audit_log'), updatedAt: columns(store, first.patientId!).updated_at }).toEqual(before);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('a change of pathologies alone is an update', () => {
    const { store, applier } = openSyncStore();
    const { patientId } = applier.applyPatient(aPatientRecord());
    expect(applier.applyPatient(aPatientRecord({ pathologies: [{ code: 50, confirmed: false }] })).outcome).toBe('updated');
    expect(store.patients.get(patientId!).pathologies).toMatchObject([{ code: 50, confirmed: false }]);
    expect(syncAudit(store).at(-1)?.detail).toEqual({ changes: {}, pathologies: { added: [], removed: [], confirmation: [50] } });
  });

  it('refuses an impossible record with a named error and writes nothing', () => {
    const { store, applier } = openSyncStore();
    const bad = () => applier.applyPatient(aPatientRecord({ codiceFiscale: 'NOT-A-CF', pathologies: [{ code: 9999, confirmed: true }] }));
    expect(bad).toThrow(SyncRecordInvalidError);
    expect(bad).toThrow(/codiceFiscale.*pathologies\.0\.code/);
    expect(rowCount(store, 'patients')).toBe(0);
    expect(syncAudit(store)).toEqual([]);
  });
});
