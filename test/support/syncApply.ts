import { afterEach } from 'vitest';
import { frozenClock } from '../../main/clock';
import { Store } from '../../main/store/store';
import { SYNC_OPERATOR } from '../../main/sync/apply/applied';
import { SyncApplier } from '../../main/sync/apply/syncApplier';
import type { EnrollmentRecord, PatientRecord } from '../../main/sync/mapping/records';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { tempDir } from './tempDir';

/** The moment the tests' pulls happen: a fixed past day, never the system clock. */
export const SYNC_CLOCK = frozenClock(new Date('2026-03-10T09:00:00Z'));

export const ROSSI_CF = computeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1958-04-12', birthPlaceCode: 'G388' });
export const BIANCHI_CF = computeCodiceFiscale({ surname: 'Bianchi', givenName: 'Anna', sex: 'F', birthDate: '1949-10-02', birthPlaceCode: 'F205' });

export const OUR_GESTORE = { code: 'COOP-PV-01', name: 'Cooperativa Medici Pavia' };
export const OTHER_GESTORE = { code: 'COOP-MI-09', name: 'Cooperativa Milano Nord' };

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** A new archive in a temp folder (its key in the tests' key folder) with its applier. */
export function openSyncStore(): { store: Store; applier: SyncApplier } {
  const store = Store.open(tempDir('pic-sync-apply-'), SYNC_CLOCK);
  opened.push(store);
  return { store, applier: new SyncApplier(store, SYNC_CLOCK) };
}

export function aPatientRecord(overrides: Partial<PatientRecord> = {}): PatientRecord {
  return {
    codiceFiscale: ROSSI_CF,
    surname: 'Rossi',
    givenName: 'Mario',
    birthDate: '1958-04-12',
    sex: 'M',
    birthPlaceCode: 'G388',
    phone: '0382 123456',
    mobile: null,
    email: null,
    chronicLevel: 2,
    pathologies: [{ code: 50, confirmed: true }],
    ...overrides,
  };
}

/** Rossi, known here (as the pull of his patient record leaves him); returns his id. */
export function withRossi(applier: SyncApplier, overrides: Partial<PatientRecord> = {}): number {
  return applier.applyPatient(aPatientRecord(overrides)).patientId!;
}

export function anEnrollmentRecord(snapshot: Partial<EnrollmentRecord['snapshot']> = {}, overrides: Partial<EnrollmentRecord> = {}): EnrollmentRecord {
  return {
    codiceFiscale: ROSSI_CF,
    programmeYear: 2026,
    gestore: OUR_GESTORE,
    snapshot: { state: 'enrolled', registeredOn: '2026-02-02', deadline: '2026-02-09', enrolledOn: '2026-02-05', periodEnd: '2027-02-01', reason: null, otherGestore: null, ...snapshot },
    ...overrides,
  };
}

export const rowCount = (store: Store, table: 'outbox' | 'audit_log' | 'bookings' | 'consents' | 'enrollments' | 'letters' | 'contact_attempts' | 'pais' | 'patients'): number =>
  store.database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** The audit entries the sync wrote, oldest first, with their detail parsed. */
export function syncAudit(store: Store): { action: string; entity: string; entityId: string | null; detail: Record<string, unknown> }[] {
  const rows = store.database.sqlite.prepare('SELECT action, entity, entity_id, detail FROM audit_log WHERE operator_cf = ? ORDER BY id').all(SYNC_OPERATOR) as {
    action: string;
    entity: string;
    entity_id: string | null;
    detail: string | null;
  }[];
  return rows.map((r) => ({ action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail === null ? {} : (JSON.parse(r.detail) as Record<string, unknown>) }));
}
