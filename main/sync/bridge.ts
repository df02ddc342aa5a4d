import type { Resource } from '@medplum/fhirtypes';
import { todayIn, type Clock } from '../clock';
import type { OutboxRow } from '../store/outbox';
import type { ProviderRow } from '../store/providerStore';
import type { Store } from '../store/store';
import { StudioSettings } from '../../shared/contract/settings';
import { transition } from '../../shared/domain/enrollmentMachine';
import { nameKey } from '../../shared/domain/patient';
import { AppError } from '../../shared/errors';
import { SyncApplier } from './apply/syncApplier';
import type { Applied } from './apply/applied';
import type { SyncBridge } from './engine';
import { ids } from './fhirIds';
import {
  appointmentToFhir,
  bookingFromFhir,
  callAttemptFromFhir,
  callAttemptToFhir,
  carePlanToFhir,
  conditionFromFhir,
  conditionsToFhir,
  consentFromFhir,
  consentToFhir,
  enrollmentFromFhir,
  episodeOfCareToFhir,
  gestoreToFhir,
  letterFromFhir,
  letterToFhir,
  paiFromFhir,
  patientFromFhir,
  patientToFhir,
  practitionerToFhir,
  providerToFhir,
  serviceRequestToFhir,
  withdrawnConditionToFhir,
  type MappingContext,
} from './mapping';
import type { GestoreRecord, PatientRecord, StudioRecord } from './mapping/records';
import type { ApplyOutcome } from './puller';
import { FhirMappingError } from './mapping/errors';
import { storedPatientRecord } from './storedPatient';
import type { SyncSettings } from './syncSettings';

const STUDIO_SETTINGS_KEY = 'studio';

/** What the sync does with each kind of record, between the store and the FHIR mapping. */
export function createSyncBridge(store: Store, clock: Clock, settings: SyncSettings): SyncBridge {
  const applier = new SyncApplier(store, clock);

  function studio(): StudioRecord {
    const s = store.settings.get(STUDIO_SETTINGS_KEY, StudioSettings);
    const mmg = store.operators.list().find((o) => o.role === 'mmg' && !o.disabledAt);
    if (!s || !mmg) throw new StudioNotReadyError();
    return { gestore: gestoreOf(s.gestore), mmg: { codiceFiscale: mmg.codiceFiscale, name: mmg.name || s.mmg }, address: s.address, phone: s.phone };
  }

  function gestoreOf(name: string): GestoreRecord {
    return { code: settings.get().gestoreCode ?? nameKey(name), name };
  }

  function context(): MappingContext {
    return { systems: settings.get().systems, studio: studio() };
  }

  /**
   * A batch of items, each with its patient, the MMG and the Gestore (the server may check every
   * reference): the studio and the providers are read once for the batch, each patient once, and
   * the items of a patient share those resources (the push compares each one once).
   */
  function build(rows: readonly OutboxRow[]): (Resource[] | null)[] {
    const ctx = context();
    const studioResources = [practitionerToFhir(ctx), gestoreToFhir(ctx.studio.gestore, ctx)];
    const patients = new Map<number, { patient: PatientRecord; base: Resource[] }>();
    let providers: ProviderRow[] | null = null;
    const providerOf = (code: string) => (providers ??= store.providers.list()).find((p) => p.code === code);
    return rows.map((row) => {
      let built = patients.get(row.patientId);
      if (!built) {
        const patient = storedPatientRecord(store, row.patientId);
        const withdrawn = withdrawnCodes(row.patientId, patient, ctx).map((code) => withdrawnConditionToFhir(patient.codiceFiscale, code, ctx));
        built = { patient, base: [...studioResources, patientToFhir(patient, ctx), ...conditionsToFhir(patient, ctx), ...withdrawn] };
        patients.set(row.patientId, built);
      }
      return buildOne(row, ctx, built.patient, built.base, providerOf);
    });
  }

  /** The pathologies the server has for the patient (as we last agreed) that his list no longer has. */
  function withdrawnCodes(patientId: number, patient: PatientRecord, ctx: MappingContext): number[] {
    const listed = new Set(patient.pathologies.map((p) => p.code));
    return store.sync.contentsOf(patientId, 'Condition').flatMap((content) => {
      try {
        const code = conditionFromFhir(JSON.parse(content), ctx.systems).code;
        return listed.has(code) ? [] : [code];
      } catch (err) {
        // Not one of ours (another system's Condition about him): not ours to withdraw.
        if (err instanceof FhirMappingError) return [];
        throw err;
      }
    });
  }

  function buildOne(row: OutboxRow, ctx: MappingContext, patient: PatientRecord, base: Resource[], providerOf: (code: string) => ProviderRow | undefined): Resource[] | null {
    const cf = patient.codiceFiscale;
    switch (row.kind) {
      case 'patient':
        return base;
      case 'letter': {
        const l = store.syncReads.letter(row.entityId);
        return l ? [...base, letterToFhir({ codiceFiscale: cf, ...l }, ctx)] : null;
      }
      case 'call': {
        const c = store.syncReads.call(row.entityId);
        return c ? [...base, callAttemptToFhir({ codiceFiscale: cf, ...c }, ctx)] : null;
      }
      case 'enrollment': {
        const e = store.enrollments.byId(row.entityId);
        const year = store.syncReads.enrollmentYear(row.entityId);
        if (!e || year === null) return null;
        // A lock elsewhere is the other Gestore's episode on the server: ours has nothing to write there.
        if (e.snapshot.state === 'locked_elsewhere' || e.snapshot.state === 'candidate') return base;
        return [...base, episodeOfCareToFhir({ codiceFiscale: cf, programmeYear: year, gestore: ctx.studio.gestore, snapshot: e.snapshot }, ctx)];
      }
      case 'consent': {
        const c = store.syncReads.consent(row.entityId);
        if (!c?.signedAt) return null;
        return [...base, consentToFhir({ codiceFiscale: cf, programmeYear: c.programmeYear, kind: c.kind, signedAt: c.signedAt, documentHash: c.documentHash }, ctx)];
      }
      case 'pai': {
        const p = store.pais.get(row.entityId);
        return p ? [...base, carePlanToFhir({ codiceFiscale: cf, pai: p.pai }, ctx)] : null;
      }
      case 'booking': {
        const b = store.bookings.get(row.entityId);
        if (!b) return null;
        const record = { codiceFiscale: cf, uid: b.uid, booking: b };
        const provider = b.slot ? providerOf(b.slot.providerCode) : undefined;
        const appointment = appointmentToFhir(record, ctx);
        return [...base, ...(provider ? [providerToFhir({ code: provider.code, name: provider.name, address: provider.address, phone: provider.phone }, ctx)] : []), serviceRequestToFhir(record, ctx), ...(appointment ? [appointment] : [])];
      }
    }
  }

  const outcome = (a: Applied): ApplyOutcome => (a.outcome === 'created' || a.outcome === 'updated' ? 'applied' : a.outcome);

  /** A change of ours to the same kind of record still to send: the push meets the server's version and merges. */
  const pendingHere = (cf: string | undefined, kind: OutboxRow['kind']): boolean => {
    const patientId = cf ? store.patients.idByCodiceFiscale(cf) : null;
    return patientId !== null && store.outbox.hasItem(patientId, kind);
  };

  function apply(r: Resource): { outcome: ApplyOutcome; patientId: number | null } {
    const { systems } = settings.get();
    switch (r.resourceType) {
      case 'Patient': {
        const d = patientFromFhir(r, systems);
        if (pendingHere(d.codiceFiscale, 'patient')) return { outcome: 'pending-here', patientId: null };
        const here = store.patients.idByCodiceFiscale(d.codiceFiscale);
        const local = here === null ? null : storedPatientRecord(store, here);
        const a = applier.applyPatient({ ...d, chronicLevel: local?.chronicLevel ?? null, pathologies: local?.pathologies ?? [] });
        return { outcome: outcome(a), patientId: a.patientId };
      }
      case 'Condition': {
        // One pathology of a patient here: the others he has stay as they are.
        const c = conditionFromFhir(r, systems);
        if (pendingHere(c.codiceFiscale, 'patient')) return { outcome: 'pending-here', patientId: null };
        const here = store.patients.idByCodiceFiscale(c.codiceFiscale);
        if (here === null) return { outcome: 'skipped', patientId: null };
        const local = storedPatientRecord(store, here);
        const pulled = { code: c.code, confirmed: c.confirmed };
        const others = local.pathologies.filter((p) => p.code !== c.code);
        const pathologies = c.withdrawn ? others : local.pathologies.some((p) => p.code === c.code) ? local.pathologies.map((p) => (p.code === c.code ? pulled : p)) : [...others, pulled];
        const a = applier.applyPatient({ ...local, chronicLevel: c.chronicLevel ?? local.chronicLevel, pathologies });
        return { outcome: outcome(a), patientId: a.patientId };
      }
      case 'EpisodeOfCare': {
        const e = enrollmentFromFhir(r, systems);
        if (!e.codiceFiscale) return { outcome: 'skipped', patientId: null };
        if (pendingHere(e.codiceFiscale, 'enrollment')) return { outcome: 'pending-here', patientId: null };
        const ours = studio().gestore;
        const gestore = e.gestoreReference === `Organization/${ids.gestore(ours.code)}` ? ours : e.gestore;
        const a = applier.applyEnrollment({ codiceFiscale: e.codiceFiscale, programmeYear: e.programmeYear, gestore, snapshot: e.snapshot }, ours.code);
        return { outcome: outcome(a), patientId: a.patientId };
      }
      case 'Consent': {
        const c = consentFromFhir(r, systems);
        if (pendingHere(c.codiceFiscale, 'consent')) return { outcome: 'pending-here', patientId: null };
        const a = applier.applyConsent(c);
        return { outcome: outcome(a), patientId: a.patientId };
      }
      case 'CarePlan': {
        const p = paiFromFhir(r, systems);
        if (pendingHere(p.codiceFiscale, 'pai')) return { outcome: 'pending-here', patientId: null };
        const patientId = store.patients.idByCodiceFiscale(p.codiceFiscale);
        if (patientId === null) return { outcome: 'skipped', patientId: null };
        const a = applier.applyPai({ codiceFiscale: p.codiceFiscale, pai: { ...p.pai, patientId } });
        return { outcome: outcome(a), patientId: a.patientId };
      }
      case 'ServiceRequest':
      case 'Appointment': {
        const byRequest = new Map(store.syncReads.bookingUids().map((uid) => [ids.bookingRequest(uid), uid]));
        const b = bookingFromFhir(r, systems, { uidOfRequest: (id) => byRequest.get(id) ?? null, providerCodeOf: () => null });
        if (!b.codiceFiscale) return { outcome: 'skipped', patientId: null };
        if (pendingHere(b.codiceFiscale, 'booking')) return { outcome: 'pending-here', patientId: null };
        const patientId = store.patients.idByCodiceFiscale(b.codiceFiscale);
        if (patientId === null) return { outcome: 'skipped', patientId: null };
        const a = applier.applyBooking({ codiceFiscale: b.codiceFiscale, uid: b.uid, booking: { ...b.booking, patientId } });
        return { outcome: outcome(a), patientId: a.patientId };
      }
      case 'Communication': {
        const isCall = r.identifier?.some((i) => i.system === `${systems.app}/chiamata`);
        const record = isCall ? callAttemptFromFhir(r, systems) : letterFromFhir(r, systems);
        if (pendingHere(record.codiceFiscale, isCall ? 'call' : 'letter')) return { outcome: 'pending-here', patientId: null };
        const a = 'at' in record ? applier.applyCallAttempt(record) : applier.applyLetter(record);
        return { outcome: outcome(a), patientId: a.patientId };
      }
      default:
        return { outcome: 'skipped', patientId: null };
    }
  }

  function lockedElsewhere(row: OutboxRow, gestoreName: string): void {
    store.transaction(() => {
      const e = store.enrollments.byId(row.entityId);
      if (!e) return;
      const after = transition(e.snapshot, { type: 'claim-refused', gestore: gestoreName }, todayIn(clock));
      store.outbox.fromServer(() => store.enrollments.update(e.id, after));
      store.audit.append({ operatorCf: 'sync:centro-servizi', action: 'enrollment.claim-refused', entity: 'patient', entityId: row.patientId, detail: { enrollmentId: e.id, from: e.snapshot.state, gestore: gestoreName } });
    });
  }

  return {
    ourGestore: () => `Organization/${ids.gestore(studio().gestore.code)}`,
    tag: () => ({ system: `${settings.get().systems.app}/studio`, code: studio().mmg.codiceFiscale }),
    build,
    apply,
    lockedElsewhere,
  };
}

export class StudioNotReadyError extends AppError {
  constructor() {
    super('sync-studio-not-ready', 'studio settings or its MMG missing: nothing can be sent', 'Per sincronizzare servono i dati dello studio (Impostazioni) e un medico (MMG) tra gli operatori.');
  }
}
