import { describe, expect, it } from 'vitest';
import type { EnrollmentState } from '../../../shared/domain/enrollment';
import { newCandidate, transition, type EnrollmentSnapshot } from '../../../shared/domain/enrollmentMachine';
import { fhirProblems } from '../../../test/support/fhirValidation';
import { MMG_CF } from '../../../test/support/paiFixtures';
import { aPatient, ctx, PATIENT_CF, studio } from '../../../test/support/syncRecords';
import { ids } from '../fhirIds';
import { DEFAULT_SYSTEMS } from '../systems';
import { conditionFromFhir, conditionsToFhir, withdrawnConditionToFhir } from './condition';
import { consentFromFhir, consentToFhir } from './consent';
import { enrollmentFromFhir, episodeOfCareToFhir } from './episode';
import { FhirMappingError } from './errors';
import type { EnrollmentRecord } from './records';

const OTHER_GESTORE = { code: 'COOP-PV-NORD', name: 'Cooperativa Pavia Nord' };

/** One snapshot per state, each reached through the machine as the studio would. */
function snapshots(): Record<EnrollmentState, EnrollmentSnapshot> {
  const candidate = newCandidate();
  const registered = transition(candidate, { type: 'register' }, '2025-03-03');
  const enrolled = transition(registered, { type: 'sign' }, '2025-03-06');
  const renewalDue = transition(enrolled, { type: 'renewal-due' }, '2026-02-01');
  return {
    candidate,
    registered,
    enrolled,
    renewal_due: renewalDue,
    renewed: transition(renewalDue, { type: 'renew' }, '2026-02-10'),
    withdrawn: transition(enrolled, { type: 'withdraw', reason: 'Trasferito in altra regione' }, '2025-09-01'),
    lapsed: transition(registered, { type: 'lapse' }, '2025-03-11'),
    refused: transition(candidate, { type: 'refuse', reason: 'Non interessato' }, '2025-02-20'),
    locked_elsewhere: transition(candidate, { type: 'lock-elsewhere', gestore: OTHER_GESTORE.name }, '2025-02-20'),
    transferred: transition(enrolled, { type: 'transfer', gestore: OTHER_GESTORE.name, reason: 'Scelta del paziente' }, '2025-10-01'),
  };
}

const STATUS: Record<EnrollmentState, string> = {
  candidate: 'planned',
  registered: 'waitlist',
  enrolled: 'active',
  renewal_due: 'active',
  renewed: 'active',
  locked_elsewhere: 'active',
  lapsed: 'cancelled',
  refused: 'cancelled',
  withdrawn: 'finished',
  transferred: 'finished',
};

const recordOf = (snapshot: EnrollmentSnapshot): EnrollmentRecord => ({
  codiceFiscale: PATIENT_CF,
  programmeYear: 2025,
  gestore: snapshot.state === 'locked_elsewhere' ? OTHER_GESTORE : studio.gestore,
  snapshot,
});

describe('EpisodeOfCare', () => {
  it('writes every state as valid R4 with its status, and reads each back to the same snapshot', () => {
    for (const [state, snapshot] of Object.entries(snapshots()) as [EnrollmentState, EnrollmentSnapshot][]) {
      const record = recordOf(snapshot);
      const episode = episodeOfCareToFhir(record, ctx);
      expect(fhirProblems(episode), state).toEqual([]);
      expect(episode.status, state).toBe(STATUS[state]);
      expect(enrollmentFromFhir(episode, DEFAULT_SYSTEMS), state).toEqual({ ...record, gestoreReference: `Organization/${ids.gestore(record.gestore.code)}` });
    }
  });

  it('names the programme year and patient in its identifier, the Gestore and the MMG by literal references', () => {
    const episode = episodeOfCareToFhir(recordOf(snapshots().enrolled), ctx);
    expect(episode).toMatchObject({
      id: ids.episode(PATIENT_CF, 2025),
      meta: { tag: [{ system: 'https://pic-studio.it/fhir/studio', code: MMG_CF }] },
      identifier: [{ system: 'https://pic-studio.it/fhir/presa-in-carico', value: `PIC-2025-${PATIENT_CF}` }],
      patient: { reference: `Patient/${ids.patient(PATIENT_CF)}` },
      managingOrganization: { reference: `Organization/${ids.gestore('CMMC')}`, display: 'Cooperativa Medici Milano Centro' },
      careManager: { reference: `Practitioner/${ids.practitioner(MMG_CF)}` },
      period: { start: '2025-03-03', end: '2026-03-02' },
    });
    expect(episode.extension?.[0]?.extension).toEqual([
      { url: 'state', valueCode: 'enrolled' },
      { url: 'deadline', valueDate: '2025-03-10' },
      { url: 'enrolledOn', valueDate: '2025-03-06' },
    ]);
  });

  it('lets a status the Centro Servizi changed win over the state it carries, keeping the rest', () => {
    const episode = { ...episodeOfCareToFhir(recordOf(snapshots().registered), ctx), status: 'cancelled' };
    expect(enrollmentFromFhir(episode, DEFAULT_SYSTEMS).snapshot).toEqual({ ...snapshots().registered, state: 'lapsed' });
  });

  it('reads an episode the Centro Servizi wrote itself, without our identifier or extension', () => {
    const theirs = {
      resourceType: 'EpisodeOfCare',
      status: 'active',
      patient: { reference: 'Patient/123', identifier: { system: 'urn:oid:2.16.840.1.113883.2.9.4.3.2', value: PATIENT_CF } },
      managingOrganization: { reference: 'Organization/9', identifier: { system: 'https://pic-studio.it/fhir/gestore', value: OTHER_GESTORE.code }, display: OTHER_GESTORE.name },
      period: { start: '2025-01-15' },
    };
    expect(enrollmentFromFhir(theirs, DEFAULT_SYSTEMS)).toEqual({
      codiceFiscale: PATIENT_CF,
      programmeYear: 2025,
      gestore: OTHER_GESTORE,
      gestoreReference: 'Organization/9',
      snapshot: { state: 'enrolled', registeredOn: '2025-01-15', deadline: null, enrolledOn: null, periodEnd: null, reason: null, otherGestore: null },
    });
    const { patient: _p, ...anonymous } = theirs;
    expect(enrollmentFromFhir(anonymous, DEFAULT_SYSTEMS).codiceFiscale).toBeUndefined();
    // A Gestore named by reference and name only (a transfer the Centro Servizi made): the reference is his code.
    const byReference = { ...theirs, managingOrganization: { reference: 'Organization/9', display: OTHER_GESTORE.name } };
    expect(enrollmentFromFhir(byReference, DEFAULT_SYSTEMS).gestore).toEqual({ code: 'Organization/9', name: OTHER_GESTORE.name });
  });

  it('refuses an episode it cannot read', () => {
    const good = episodeOfCareToFhir(recordOf(snapshots().enrolled), ctx);
    const bad: unknown[] = [
      {},
      { ...good, resourceType: 'Encounter' },
      { ...good, status: 'in-progress' },
      { ...good, status: 'entered-in-error' },
      { ...good, managingOrganization: { display: 'Una cooperativa' } },
      { ...good, identifier: [], period: undefined },
      { ...good, identifier: [{ system: 'https://pic-studio.it/fhir/presa-in-carico', value: 'PIC-2025-NOTACODICEFISCALE' }] },
      { ...good, period: { start: '2025-13-01' } },
      { ...good, extension: [{ url: 'https://pic-studio.it/fhir/StructureDefinition/enrollment', extension: [{ url: 'deadline', valueDate: 'domani' }] }] },
    ];
    for (const resource of bad) expect(() => enrollmentFromFhir(resource, DEFAULT_SYSTEMS), JSON.stringify(resource)).toThrow(FhirMappingError);
  });
});

describe('Consent', () => {
  const record = { codiceFiscale: PATIENT_CF, programmeYear: 2025, signedAt: '2025-03-06T09:41:00.000Z', documentHash: 'a'.repeat(64) };

  it('writes the Patto di Cura as a treatment consent and the privacy form as a privacy one, both valid R4', () => {
    const patto = consentToFhir({ ...record, kind: 'patto_di_cura' }, ctx);
    const privacy = consentToFhir({ ...record, kind: 'privacy' }, ctx);
    for (const c of [patto, privacy]) expect(fhirProblems(c)).toEqual([]);
    expect(patto).toMatchObject({
      id: ids.consent(PATIENT_CF, 2025, 'patto_di_cura'),
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${ids.patient(PATIENT_CF)}` },
      dateTime: '2025-03-06T09:41:00.000Z',
      organization: [{ reference: `Organization/${ids.gestore('CMMC')}` }],
      policy: [{ uri: 'https://pic-studio.it/fhir/policy/patto_di_cura' }],
      identifier: [{ system: 'https://pic-studio.it/fhir/consenso', value: `PIC-2025-${PATIENT_CF}-patto_di_cura` }],
    });
    expect(privacy.scope.coding?.[0]?.code).toBe('patient-privacy');
    expect(privacy.id).not.toBe(patto.id);
  });

  it('reads back the signature another workstation sent, and refuses an identifier it did not write', () => {
    for (const kind of ['patto_di_cura', 'privacy'] as const) expect(consentFromFhir(consentToFhir({ ...record, kind }, ctx), DEFAULT_SYSTEMS)).toEqual({ ...record, kind });
    expect(consentFromFhir(consentToFhir({ ...record, kind: 'privacy', documentHash: null }, ctx), DEFAULT_SYSTEMS).documentHash).toBeNull();
    const foreign = { ...consentToFhir({ ...record, kind: 'privacy' }, ctx), identifier: [{ system: 'https://pic-studio.it/fhir/consenso', value: 'CONSENSO-42' }] };
    expect(() => consentFromFhir(foreign, DEFAULT_SYSTEMS)).toThrow(FhirMappingError);
  });

  it('carries the PDF\'s SHA-256 beside the attachment, never in Attachment.hash (SHA-1 in R4)', () => {
    const patto = consentToFhir({ ...record, kind: 'patto_di_cura' }, ctx);
    expect(patto.sourceAttachment).toEqual({
      contentType: 'application/pdf',
      title: 'Patto di Cura firmato dal paziente',
      extension: [{ url: 'https://pic-studio.it/fhir/StructureDefinition/document-sha256', valueString: 'a'.repeat(64) }],
    });
    const unsigned = consentToFhir({ ...record, kind: 'privacy', documentHash: null }, ctx);
    expect(fhirProblems(unsigned)).toEqual([]);
    expect(unsigned.sourceAttachment).toBeUndefined();
  });
});

describe('Condition', () => {
  it('writes one valid Condition per pathology with its regional code and Italian name', () => {
    const conditions = conditionsToFhir(aPatient(), ctx);
    expect(conditions).toHaveLength(3);
    for (const c of conditions) expect(fhirProblems(c)).toEqual([]);
    expect(conditions[0]).toMatchObject({
      id: ids.condition(PATIENT_CF, 50),
      identifier: [{ system: 'https://pic-studio.it/fhir/patologia', value: `${PATIENT_CF}-50` }],
      code: { coding: [{ system: 'https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-PatologieNonICD9CM', code: '50', display: 'Diabete mellito tipo 2' }] },
      clinicalStatus: { coding: [{ code: 'active' }] },
      subject: { reference: `Patient/${ids.patient(PATIENT_CF)}` },
    });
    expect(conditions.map((c) => c.verificationStatus?.coding?.[0]?.code)).toEqual(['confirmed', 'confirmed', 'provisional']);
  });

  it('ranks a pathology by the PAI\'s role when it has one, and codes the chronic level as severity', () => {
    const [primary, secondary, unranked] = conditionsToFhir(aPatient(), ctx);
    const TYPE = 'https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-TipologiaProblemaSalute';
    const problemItem = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item', display: 'Problem List Item' }] };
    expect(primary?.category).toEqual([problemItem, { coding: [{ system: TYPE, code: '1', display: 'Patologia primaria' }] }]);
    expect(secondary?.category?.[1]?.coding?.[0]?.code).toBe('2');
    expect(unranked?.category).toEqual([problemItem]);
    expect(primary?.severity).toEqual({ coding: [{ system: 'https://fhir.siss.regione.lombardia.it/CodeSystem/GPC-LivelloGravita', code: '2', display: 'Gravità media' }] });
    const [noLevel] = conditionsToFhir(aPatient({ chronicLevel: null }), ctx);
    expect(noLevel?.severity).toBeUndefined();
    expect(fhirProblems(noLevel!)).toEqual([]);
  });

  it('reads back the patient, the regional code, whether it is confirmed and the chronic level', () => {
    const patient = aPatient();
    const read = conditionsToFhir(patient, ctx).map((c) => conditionFromFhir(c, DEFAULT_SYSTEMS));
    expect(read).toEqual(patient.pathologies.map((p) => ({ codiceFiscale: PATIENT_CF, code: p.code, confirmed: p.confirmed, withdrawn: false, chronicLevel: patient.chronicLevel })));
    expect(conditionsToFhir(aPatient({ chronicLevel: null }), ctx).map((c) => conditionFromFhir(c, DEFAULT_SYSTEMS).chronicLevel)).toEqual([null, null, null]);
  });

  it('withdraws a pathology taken off the list with the same Condition, valid, refuted and inactive, read back as withdrawn', () => {
    const withdrawn = withdrawnConditionToFhir(PATIENT_CF, 50, ctx);
    expect(fhirProblems(withdrawn)).toEqual([]);
    expect(withdrawn).toMatchObject({ id: ids.condition(PATIENT_CF, 50), clinicalStatus: { coding: [{ code: 'inactive' }] }, verificationStatus: { coding: [{ code: 'refuted' }] } });
    expect(conditionFromFhir(withdrawn, DEFAULT_SYSTEMS)).toEqual({ codiceFiscale: PATIENT_CF, code: 50, confirmed: false, withdrawn: true, chronicLevel: null });
    const [c] = conditionsToFhir(aPatient(), ctx);
    expect(conditionFromFhir({ ...c, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] } }, DEFAULT_SYSTEMS).withdrawn).toBe(true);
  });

  it('refuses one that is not the app\'s: no pathology identifier, a malformed one, a severity outside the three levels', () => {
    const [c] = conditionsToFhir(aPatient(), ctx);
    expect(() => conditionFromFhir({ ...c, identifier: [] }, DEFAULT_SYSTEMS)).toThrow(FhirMappingError);
    expect(() => conditionFromFhir({ ...c, identifier: [{ system: 'https://pic-studio.it/fhir/patologia', value: 'ROSSI-50' }] }, DEFAULT_SYSTEMS)).toThrow(/codice fiscale/);
    expect(() => conditionFromFhir({ ...c, severity: { coding: [{ system: DEFAULT_SYSTEMS.chronicLevel, code: '7' }] } }, DEFAULT_SYSTEMS)).toThrow(FhirMappingError);
  });
});
