import { describe, expect, it } from 'vitest';
import type { Pai } from '../../../shared/domain/pai/model';
import { paiSchedule } from '../../../shared/domain/pai/schedule';
import { aPai, anItem, monthly, yearly } from '../../../test/support/paiFixtures';
import { anEnrollmentRecord, BIANCHI_CF, openSyncStore, OUR_GESTORE, rowCount, ROSSI_CF, syncAudit, withRossi } from '../../../test/support/syncApply';
import type { Store } from '../../store/store';
import { SyncRecordInvalidError } from './applied';

const VALID_FROM = '2026-02-10';
const ITEMS = [anItem('90.27.1', monthly(6), VALID_FROM), anItem('89.52', yearly, VALID_FROM)];
/** As another workstation has it: its own row id for the patient, which the applier ignores. */
const activeV1 = aPai(VALID_FROM, ITEMS, { patientId: 999, status: 'active', activatedOn: VALID_FROM });
const activeV2 = { ...activeV1, version: 2, items: [...ITEMS, anItem('89.01', monthly(3), VALID_FROM)], activatedOn: '2026-03-01' };
const supersededV1 = { ...activeV1, status: 'superseded' as const, closedOn: '2026-03-01' };

const record = (pai: Pai, codiceFiscale = ROSSI_CF) => ({ codiceFiscale, pai });

function enrolledRossi() {
  const { store, applier } = openSyncStore();
  const patientId = withRossi(applier);
  const enrollmentId = applier.applyEnrollment(anEnrollmentRecord(), OUR_GESTORE.code).entityId!;
  return { store, applier, patientId, enrollmentId };
}

const occurrencesByPai = (store: Store) =>
  store.database.sqlite.prepare('SELECT pai_id AS paiId, count(*) AS n FROM pai_occurrences GROUP BY pai_id ORDER BY pai_id').all() as { paiId: number; n: number }[];

describe('SyncApplier.applyPai', () => {
  it('creates an active version for the codice fiscale’s patient, with the plan’s occurrences as the activation writes them', () => {
    const { store, applier, patientId, enrollmentId } = enrolledRossi();
    const applied = applier.applyPai(record(activeV1));
    expect(applied).toMatchObject({ outcome: 'created', patientId });
    const stored = store.pais.get(applied.entityId!);
    expect(stored).toEqual({ id: applied.entityId, enrollmentId, pai: { ...activeV1, patientId } });
    const expected = paiSchedule({ ...activeV1, patientId });
    expect(expected.length).toBeGreaterThan(2);
    const written = store.database.sqlite.prepare('SELECT patient_id AS patientId, code, description, date, window_start AS windowStart, window_end AS windowEnd FROM pai_occurrences WHERE pai_id = ? ORDER BY date, code').all(applied.entityId);
    expect(written).toEqual(expected.map((o) => ({ patientId, code: o.code, description: o.description, date: o.date, windowStart: o.windowStart, windowEnd: o.windowEnd })));
    expect(syncAudit(store).at(-1)).toEqual({ action: 'sync.pai.create', entity: 'pai', entityId: String(applied.entityId), detail: { year: 2026, version: 1, status: 'active', occurrences: expected.length } });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('a draft writes no occurrences', () => {
    const { store, applier } = enrolledRossi();
    expect(applier.applyPai(record({ ...activeV1, status: 'draft', activatedOn: null })).outcome).toBe('created');
    expect(occurrencesByPai(store)).toEqual([]);
  });

  it('a newer active version takes the year’s occurrences; the older one then superseded only changes its status', () => {
    const { store, applier } = enrolledRossi();
    const v1 = applier.applyPai(record(activeV1)).entityId!;
    const v2 = applier.applyPai(record(activeV2)).entityId!;
    expect(occurrencesByPai(store)).toEqual([{ paiId: v2, n: paiSchedule(activeV2).length }]);

    expect(applier.applyPai(record(supersededV1))).toMatchObject({ outcome: 'updated', entityId: v1 });
    expect(store.pais.get(v1)?.pai).toMatchObject({ status: 'superseded', closedOn: '2026-03-01' });
    expect(occurrencesByPai(store)).toEqual([{ paiId: v2, n: paiSchedule(activeV2).length }]);
    expect(syncAudit(store).at(-1)?.detail).toEqual({ year: 2026, version: 1, status: 'superseded', previousStatus: 'active', changed: ['status', 'closedOn'] });
    expect(rowCount(store, 'outbox')).toBe(0);
  });

  it('the older version superseded may arrive first: the newer active one still writes the year’s occurrences', () => {
    const { store, applier } = enrolledRossi();
    const v1 = applier.applyPai(record(activeV1)).entityId!;
    applier.applyPai(record(supersededV1));
    expect(occurrencesByPai(store)).toEqual([{ paiId: v1, n: paiSchedule(activeV1).length }]);
    const v2 = applier.applyPai(record(activeV2)).entityId!;
    expect(occurrencesByPai(store)).toEqual([{ paiId: v2, n: paiSchedule(activeV2).length }]);
  });

  it('a cancellation from the server updates the local status', () => {
    const { store, applier } = enrolledRossi();
    const id = applier.applyPai(record(activeV1)).entityId!;
    expect(applier.applyPai(record({ ...activeV1, status: 'cancelled', closedOn: '2026-03-05', cancelReason: 'Trasferito ad altro Gestore' })).outcome).toBe('updated');
    expect(store.pais.get(id)?.pai).toMatchObject({ status: 'cancelled', cancelReason: 'Trasferito ad altro Gestore' });
    expect(store.pais.activeOccurrencesOpeningBy('2027-12-31')).toEqual([]);
  });

  it('applied twice, the same version is unchanged and writes nothing', () => {
    const { store, applier } = enrolledRossi();
    const first = applier.applyPai(record(activeV1));
    const before = { audit: rowCount(store, 'audit_log'), occurrences: store.database.sqlite.prepare('SELECT group_concat(id) FROM pai_occurrences').pluck().get() };
    expect(applier.applyPai(record(activeV1))).toEqual({ ...first, outcome: 'unchanged' });
    expect({ audit: rowCount(store, 'audit_log'), occurrences: store.database.sqlite.prepare('SELECT group_concat(id) FROM pai_occurrences').pluck().get() }).toEqual(before);
  });

  it('skips a patient unknown here', () => {
    const { store, applier } = enrolledRossi();
    expect(applier.applyPai(record(activeV1, BIANCHI_CF))).toEqual({ outcome: 'skipped', patientId: null, entityId: null, reason: 'unknown-patient' });
    expect(rowCount(store, 'pais')).toBe(0);
  });

  it('refuses a plan the PAI schema refuses, writing nothing', () => {
    const { store, applier } = enrolledRossi();
    expect(() => applier.applyPai(record({ ...activeV1, pathologies: [{ code: 9999, role: 1, severity: 2 }] }))).toThrow(SyncRecordInvalidError);
    expect(rowCount(store, 'pais')).toBe(0);
  });
});
