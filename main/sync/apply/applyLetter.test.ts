import { describe, expect, it } from 'vitest';
import type { LetterRecord } from '../mapping/records';
import { BIANCHI_CF, openSyncStore, rowCount, ROSSI_CF, syncAudit, withRossi } from '../../../test/support/syncApply';

const aLetter = (overrides: Partial<LetterRecord> = {}): LetterRecord => ({ codiceFiscale: ROSSI_CF, type: 2, trancheDate: '2025-11-03', receivedAt: null, note: null, ...overrides });

describe('SyncApplier.applyLetter', () => {
  it('adds a letter the patient has not here', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const applied = applier.applyLetter(aLetter({ receivedAt: '2026-01-15' }));
    expect(applied).toMatchObject({ outcome: 'created', patientId });
    expect(store.patients.get(patientId).letters).toEqual([{ type: 2, trancheDate: '2025-11-03', receivedAt: '2026-01-15', note: null }]);
    expect(syncAudit(store).at(-1)).toEqual({ action: 'sync.letter.create', entity: 'patient', entityId: String(patientId), detail: { letterId: applied.entityId, type: 2, trancheDate: '2025-11-03', receivedAt: '2026-01-15', note: null } });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('updates the letter of the same type and tranche date: brought to the desk of another workstation', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    const announced = store.patients.addLetter(patientId, { type: 2, trancheDate: '2025-11-03', receivedAt: null, note: null });
    store.patients.addLetter(patientId, { type: 2, trancheDate: null, receivedAt: null, note: null });
    expect(applier.applyLetter(aLetter({ receivedAt: '2026-01-15', note: 'portata dalla figlia' }))).toEqual({ outcome: 'updated', patientId, entityId: announced });
    expect(store.patients.letter(patientId, 2, '2025-11-03')).toEqual({ id: announced, type: 2, trancheDate: '2025-11-03', receivedAt: '2026-01-15', note: 'portata dalla figlia' });
    expect(store.patients.letter(patientId, 2, null)).toMatchObject({ receivedAt: null });
    expect(syncAudit(store).at(-1)?.detail).toEqual({ letterId: announced, type: 2, trancheDate: '2025-11-03', changes: { receivedAt: [null, '2026-01-15'], note: [null, 'portata dalla figlia'] } });
    expect(rowCount(store, 'letters')).toBe(2);
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('matches a letter without a tranche date to the one without a date', () => {
    const { store, applier } = openSyncStore();
    const patientId = withRossi(applier);
    store.patients.addLetter(patientId, { type: 2, trancheDate: '2025-11-03', receivedAt: null, note: null });
    const undated = store.patients.addLetter(patientId, { type: 2, trancheDate: null, receivedAt: null, note: null });
    expect(applier.applyLetter(aLetter({ trancheDate: null, receivedAt: '2026-01-20' }))).toMatchObject({ outcome: 'updated', entityId: undated });
  });

  it('applied twice, the same letter is unchanged and writes nothing', () => {
    const { store, applier } = openSyncStore();
    withRossi(applier);
    const first = applier.applyLetter(aLetter());
    const audit = rowCount(store, 'audit_log');
    expect(applier.applyLetter(aLetter())).toEqual({ ...first, outcome: 'unchanged' });
    expect({ audit: rowCount(store, 'audit_log'), letters: rowCount(store, 'letters') }).toEqual({ audit, letters: 1 });
  });

  it('skips a patient unknown here, and refuses a letter type outside 1-5', () => {
    const { store, applier } = openSyncStore();
    withRossi(applier);
    expect(applier.applyLetter(aLetter({ codiceFiscale: BIANCHI_CF }))).toEqual({ outcome: 'skipped', patientId: null, entityId: null, reason: 'unknown-patient' });
    expect(() => applier.applyLetter(aLetter({ type: 6 }))).toThrow(expect.objectContaining({ code: 'sync-record-invalid' }));
    expect(rowCount(store, 'letters')).toBe(0);
  });
});
