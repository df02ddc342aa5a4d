import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { transitionBooking } from '../../../shared/domain/booking/machine';
import { newCandidate, transition } from '../../../shared/domain/enrollmentMachine';
import { fhirProblems } from '../../../test/support/fhirValidation';
import { aBooking, aPai, anItem, MMG_CF, yearly } from '../../../test/support/paiFixtures';
import { aPatient, PATIENT_CF, provider, studio } from '../../../test/support/syncRecords';
import { DEFAULT_SYSTEMS, type FhirSystems } from '../systems';
import {
  appointmentToFhir,
  bundleEntryFor,
  callAttemptToFhir,
  carePlanToFhir,
  conditionsToFhir,
  consentToFhir,
  episodeOfCareToFhir,
  gestoreToFhir,
  letterToFhir,
  type MappingContext,
  patientFromFhir,
  patientToFhir,
  practitionerToFhir,
  providerToFhir,
  serviceRequestToFhir,
  transactionBundle,
  type WithId,
} from './index';

/** One of every resource the mapping writes, from realistic records. */
function everything(ctx: MappingContext): WithId<Resource>[] {
  const enrolled = transition(transition(newCandidate(), { type: 'register' }, '2025-03-03'), { type: 'sign' }, '2025-03-06');
  const plan = aPai('2025-03-10', [anItem('89.7A.3', yearly, '2025-03-10', { description: 'Prima visita cardiologica' })], { status: 'active', activatedOn: '2025-03-12' });
  const requested = aBooking('89.7A.3', '2025-03-10', {
    priority: 'D',
    dates: { prescribedOn: '2025-03-10', requestedOn: '2025-03-12', firstRegionalOffer: null, firstDistrictOffer: null, bookedFor: null, performedOn: null, reportDeliveredOn: null },
  });
  const slot = { time: '09:30', place: 'Poliambulatorio, Viale Repubblica 34', providerCode: 'asst-pavia' };
  const booked = transitionBooking(requested, { type: 'book', date: '2025-04-08', slot, firstRegionalOffer: null, firstDistrictOffer: null }, { now: '2025-03-14T10:00:00+01:00', network: new Set(['asst-pavia']) });
  const booking = { codiceFiscale: PATIENT_CF, uid: 'bk-1', booking: booked };
  const appointment = appointmentToFhir(booking, ctx);
  if (appointment === null) throw new Error('a booked booking has an appointment');
  return [
    patientToFhir(aPatient(), ctx),
    practitionerToFhir(ctx),
    gestoreToFhir(studio.gestore, ctx),
    providerToFhir(provider, ctx),
    episodeOfCareToFhir({ codiceFiscale: PATIENT_CF, programmeYear: 2025, gestore: studio.gestore, snapshot: enrolled }, ctx),
    consentToFhir({ codiceFiscale: PATIENT_CF, programmeYear: 2025, kind: 'patto_di_cura', signedAt: '2025-03-06T09:41:00.000Z', documentHash: 'b'.repeat(64) }, ctx),
    ...conditionsToFhir(aPatient(), ctx),
    carePlanToFhir({ codiceFiscale: PATIENT_CF, pai: plan }, ctx),
    serviceRequestToFhir(booking, ctx, plan),
    appointment,
    letterToFhir({ codiceFiscale: PATIENT_CF, type: 3, trancheDate: '2025-01-20', receivedAt: '2025-02-03', note: null }, ctx),
    callAttemptToFhir({ codiceFiscale: PATIENT_CF, at: '2025-02-05T09:12:30.000Z', outcome: 'no_answer', callbackAt: '2025-02-06', appointmentTime: null, note: null, operatorCf: MMG_CF }, ctx),
  ];
}

const ctx: MappingContext = { systems: DEFAULT_SYSTEMS, studio };

describe('the test validator', () => {
  it('reports what R4 forbids, so that an empty list of problems means something', () => {
    expect(fhirProblems({ resourceType: 'Patient', gender: 'male', birthDate: '1950-01-01' })).toEqual([]);
    expect(fhirProblems({ resourceType: 'Patient', birthDate: '1950-13-01' })).not.toEqual([]);
    expect(fhirProblems({ resourceType: 'Appointment', status: 'booked', start: '2025-04-08T09:30:00+02:00', participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted' }] })).not.toEqual([]);
    // Only a warning in Medplum: an Organization is no participant of an appointment.
    expect(fhirProblems({ resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: 'Organization/1' }, status: 'accepted' }] })).not.toEqual([]);
    expect(fhirProblems({ resourceType: 'Patient', name: [{ family: '' }] })).not.toEqual([]);
    expect(fhirProblems({ resourceType: 'Patient', telecom: [] })).not.toEqual([]);
  });
});

describe('every resource', () => {
  it('is valid R4, with its client-derived id and the studio tag of the MMG', () => {
    const all = everything(ctx);
    expect(new Set(all.map((r) => r.resourceType)).size).toBe(10);
    for (const r of all) {
      expect(fhirProblems(r), r.resourceType).toEqual([]);
      expect(r.id, r.resourceType).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.meta?.tag, r.resourceType).toEqual([{ system: 'https://pic-studio.it/fhir/studio', code: MMG_CF }]);
    }
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('writes every system URL from the settings: change one and the resources change with it', () => {
    const written = (systems: FhirSystems) => JSON.stringify(everything({ systems, studio }));
    const keys = Object.keys(DEFAULT_SYSTEMS).filter((k) => k !== 'codiceFiscaleOid') as (keyof FhirSystems)[];
    for (const key of keys) {
      const changed = `https://changed.example/${key}`;
      const json = written({ ...DEFAULT_SYSTEMS, [key]: changed });
      expect(json, key).toContain(changed);
      expect(json, key).not.toContain(`"${DEFAULT_SYSTEMS[key]}`);
    }
    expect(written(DEFAULT_SYSTEMS)).not.toContain(DEFAULT_SYSTEMS.codiceFiscaleOid);
  });

  it('reads back with the systems it was written with, and not with others', () => {
    const systems = { ...DEFAULT_SYSTEMS, codiceFiscale: 'https://cs.example/cf', municipality: 'https://cs.example/comuni' };
    const patient = patientToFhir(aPatient(), { systems, studio });
    expect(patientFromFhir(patient, systems).birthPlaceCode).toBe('F205');
    expect(() => patientFromFhir(patient, DEFAULT_SYSTEMS)).toThrow();
  });
});

describe('transaction bundles', () => {
  it('PUTs each resource at its id, conditionally on the version last seen', () => {
    const [patient, practitioner] = everything(ctx) as [WithId<Resource>, WithId<Resource>];
    expect(bundleEntryFor(patient)).toEqual({ fullUrl: `urn:uuid:${patient.id}`, resource: patient, request: { method: 'PUT', url: `Patient/${patient.id}` } });
    expect(bundleEntryFor(practitioner, '3').request).toEqual({ method: 'PUT', url: `Practitioner/${practitioner.id}`, ifMatch: 'W/"3"' });
  });

  it('makes one valid R4 transaction of them all', () => {
    const bundle = transactionBundle(everything(ctx).map((r, i) => bundleEntryFor(r, i % 2 === 0 ? undefined : String(i))));
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry).toHaveLength(14);
    expect(fhirProblems(bundle)).toEqual([]);
    expect(fhirProblems(transactionBundle([]))).toEqual([]);
  });
});
