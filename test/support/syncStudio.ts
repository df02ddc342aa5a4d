import type { CallContext } from '../../main/api/context';
import { Core } from '../../main/core';
import { fileSecretStore } from '../../main/store/secrets';
import { periodEndFrom, type EnrollmentSnapshot } from '../../shared/domain/enrollmentMachine';
import { tempDir } from './tempDir';

/** Studios of the sync's tests: each its own data folder, clock and Gestore, all on one Centro Servizi. */

export interface StudioOptions {
  gestore?: { code: string; name: string };
  mmg?: { codiceFiscale: string; name: string };
  /** A second workstation of the same studio: another folder, the same MMG and Gestore. */
  dataDir?: string;
  now: () => Date;
  url: string;
  patients?: number;
  seed?: number;
}

export const GESTORE_A = { code: 'COOP-MILANO-CENTRO', name: 'Cooperativa Medici Milano Centro' };
export const GESTORE_B = { code: 'COOP-BRIANZA', name: 'Cooperativa MMG Brianza' };
export const MMG_A = { codiceFiscale: 'BNCGLI75A41F205I', name: 'BIANCHI GIULIA' };
export const MMG_B = { codiceFiscale: 'VRDLCU70A01F704K', name: 'VERDI LUCA' };

export function syncStudio(o: StudioOptions): Core {
  const gestore = o.gestore ?? GESTORE_A;
  const mmg = o.mmg ?? MMG_A;
  const core = new Core({ dataDir: o.dataDir ?? tempDir('pic-sync-'), createAs: 'demo', clock: { now: o.now }, secrets: fileSecretStore(tempDir('pic-secrets-')) });
  if (o.patients) core.services.demoSeed.seed(o.patients, o.seed ?? 7);
  core.store.settings.set('studio', { gestore: gestore.name, mmg: `dott. ${mmg.name}`, address: 'Via Roma 1, Milano', phone: '02 1234567' });
  core.store.operators.put(mmg.codiceFiscale, mmg.name, 'mmg', o.now().toISOString());
  core.services.sync.configure({ url: o.url, gestoreCode: gestore.code }, null);
  return core;
}

export const asMmg = (core: Core): CallContext['operator'] => {
  const mmg = core.store.operators.list().find((op) => op.role === 'mmg')!;
  return { codiceFiscale: mmg.codiceFiscale, name: mmg.name, role: 'mmg' };
};

export const patientIds = (c: Core) => c.store.database.sqlite.prepare('SELECT id FROM patients ORDER BY id').pluck().all() as number[];

/**
 * What EnrollmentService.register writes once the two cards have been checked (the card stack's
 * tests cover that part): the registration, its audit entry and its outbox item, in one transaction.
 */
export function registerWithoutCards(c: Core, patientId: number, today: string, signed = false): number {
  const snapshot: EnrollmentSnapshot = signed
    ? { state: 'enrolled', registeredOn: today, deadline: null, enrolledOn: today, periodEnd: periodEndFrom(today), reason: null, otherGestore: null }
    : { state: 'registered', registeredOn: today, deadline: today, enrolledOn: null, periodEnd: null, reason: null, otherGestore: null };
  return c.store.transaction(() => {
    const id = c.store.enrollments.insert(patientId, snapshot, Number(today.slice(0, 4)), { gestore: c.services.enrollment.studio()!.gestore });
    c.store.audit.append({ operatorCf: null, action: 'enrollment.register', entity: 'patient', entityId: patientId, detail: { enrollmentId: id } });
    c.store.outbox.enqueue('enrollment', id, patientId);
    return id;
  });
}
